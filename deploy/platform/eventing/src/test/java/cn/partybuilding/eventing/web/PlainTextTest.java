package cn.partybuilding.eventing.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform's rules of what a client may send as text and as a number. */
class PlainTextTest {
    @Test
    void freeTextKeepsTabsAndLineBreaksButNoOtherControlCharacter() {
        assertTrue(PlainText.isText("第一条\n第二条\r\n\t附件：《学习记录》"));
        assertTrue(PlainText.isText(null));
        assertTrue(PlainText.isText(""));
        // C0 (NUL, bell, escape), DEL and C1 (what a broken encoding leaves behind)
        for (String bad : List.of("县\u0000统计局", "\u0007响铃", "\u001b[31m红", "删\u007f除", "乱\u0085码", "\u009b2J")) {
            assertFalse(PlainText.isText(bad), bad);
        }
    }

    @Test
    void aLineIsTextWithoutTabsOrLineBreaks() {
        assertTrue(PlainText.isLine("U-0001"));
        assertTrue(PlainText.isLine("2026-10"));
        assertTrue(PlainText.isLine("'; drop table notice; --"), "injection strings are text; bound parameters keep them so");
        for (String bad : List.of("U-0001\n", "a\tb", "a\rb", "a\u0000b", "\u0085")) {
            assertFalse(PlainText.isLine(bad), bad);
        }
    }

    @Test
    void sanitizedTextShowsEveryControlCharacterAsAQuestionMark() {
        assertEquals("a?b?c?d", PlainText.sanitized("a\u0000b\nc\u0085d"));
        assertEquals("党建考核", PlainText.sanitized("党建考核"));
    }

    record Score(@JsonDeserialize(using = StrictNumber.class) Double score) {
    }

    @Test
    void aStrictNumberIsAFiniteJsonNumberWithoutANegativeZero() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(80.5, mapper.readValue("{\"score\":80.5}", Score.class).score());
        assertEquals(0.0, mapper.readValue("{\"score\":0}", Score.class).score());
        for (String bad : List.of("1e400", "-1e400", "-0", "-0.0", "\"80\"", "true", "[50]")) {
            JsonMappingException e = assertThrows(JsonMappingException.class, () -> mapper.readValue("{\"score\":" + bad + "}", Score.class), bad);
            assertEquals("score", e.getPath().get(0).getFieldName(), bad);
        }
    }
}
