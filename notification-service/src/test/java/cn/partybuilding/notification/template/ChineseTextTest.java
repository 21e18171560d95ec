package cn.partybuilding.notification.template;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChineseTextTest {
    @Test
    void datesAndPeriods() {
        assertEquals("2026年11月25日", ChineseText.date(LocalDate.of(2026, 11, 25)));
        assertEquals("2026年3月5日", ChineseText.date(LocalDate.of(2026, 3, 5)));
        assertEquals("2026年10月", ChineseText.period("2026-10"));
        assertEquals("2026年1月", ChineseText.period("2026-01"));
        assertEquals("2026年第四季度", ChineseText.period("2026-Q4"));
        assertEquals("R-2026-031", ChineseText.period("R-2026-031"));
    }

    @Test
    void figures() {
        assertEquals("95.5", ChineseText.number(new BigDecimal("95.50")));
        assertEquals("88", ChineseText.number(new BigDecimal("88.00")));
        assertEquals("100", ChineseText.number(new BigDecimal("100")));
        assertEquals("55.5%", ChineseText.percent(new BigDecimal("0.555")));
        assertEquals("60%", ChineseText.percent(new BigDecimal("60")));
        assertEquals("先进", ChineseText.tier("ADVANCED"));
        assertEquals("较上月上升2位", ChineseText.rankChange(2));
        assertEquals("较上月下降1位", ChineseText.rankChange(-1));
        assertNull(ChineseText.rankChange(null));
    }
}
