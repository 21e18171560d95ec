package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.scoring.Enums.Status;
import cn.partybuilding.reporting.scoring.Enums.Tier;
import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The hand-written XLSX bulletin opened by a real spreadsheet reader (Apache POI, as Excel and WPS would): one sheet
 * 排名, the title, the header, then one row per unit with numbers as numeric cells and the Chinese text intact.
 */
class BulletinExportXlsxTest {
    private static final String TITLE = "2026年10月县直机关党建工作考评排名通报";

    private static final List<RankedUnit> ENTRIES = List.of(
            new RankedUnit(1, "U007", "县发展和改革局", 96.35, 3, 2, Tier.ADVANCED, Status.SUBMITTED, 0.987, 0, 1.5),
            new RankedUnit(2, "U012", "县财政局 & <审计> \"专班\"", 90.0, null, null, Tier.MIDDLE, Status.SUBMITTED, 0.9, 0.5, 0),
            new RankedUnit(3, "U040", "县融媒体中心", 41.2, 1, -2, Tier.LAGGING, Status.SUBMITTED, 0.55, 2, 0));
    private static final List<NotSubmittedUnit> NOT_SUBMITTED = List.of(new NotSubmittedUnit("U041", "县档案馆"));

    @Test
    void aRealReaderOpensTheWorkbookAndSeesTheRanking() throws Exception {
        byte[] xlsx = BulletinExport.xlsx(TITLE, ENTRIES, NOT_SUBMITTED);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(1, workbook.getNumberOfSheets());
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("排名", sheet.getSheetName());
            assertEquals(0, sheet.getFirstRowNum());
            assertEquals(ENTRIES.size() + NOT_SUBMITTED.size() + 1, sheet.getLastRowNum()); // title, header, one row per unit

            assertEquals(List.of(TITLE), texts(sheet.getRow(0)));
            assertEquals(List.of("名次", "单位代码", "单位名称", "得分", "上月名次", "名次变化", "等次", "状态", "学习完成率", "扣分", "加分"),
                    texts(sheet.getRow(1)));

            Row first = sheet.getRow(2);
            assertEquals(CellType.NUMERIC, first.getCell(0).getCellType());
            assertEquals(1, first.getCell(0).getNumericCellValue());
            assertEquals("U007", first.getCell(1).getStringCellValue());
            assertEquals("县发展和改革局", first.getCell(2).getStringCellValue());
            assertEquals(CellType.NUMERIC, first.getCell(3).getCellType());
            assertEquals(96.35, first.getCell(3).getNumericCellValue(), 1e-9);
            assertEquals(3, first.getCell(4).getNumericCellValue());
            assertEquals(2, first.getCell(5).getNumericCellValue());
            assertEquals("先进", first.getCell(6).getStringCellValue());
            assertEquals("已报送", first.getCell(7).getStringCellValue());
            assertEquals("98.7%", first.getCell(8).getStringCellValue());
            assertEquals(0, first.getCell(9).getNumericCellValue());
            assertEquals(1.5, first.getCell(10).getNumericCellValue(), 1e-9);

            // XML special characters in a name survive the round trip; a unit new this month has empty previous-rank cells
            Row second = sheet.getRow(3);
            assertEquals("县财政局 & <审计> \"专班\"", second.getCell(2).getStringCellValue());
            assertEquals(90.0, second.getCell(3).getNumericCellValue(), 1e-9);
            assertEquals("", second.getCell(4).getStringCellValue());
            assertEquals("中间", second.getCell(6).getStringCellValue());

            Row third = sheet.getRow(4);
            assertEquals(3, third.getCell(0).getNumericCellValue());
            assertEquals("县融媒体中心", third.getCell(2).getStringCellValue());
            assertEquals(-2, third.getCell(5).getNumericCellValue());
            assertEquals("后进", third.getCell(6).getStringCellValue());

            // issue 12.4: a unit that submitted nothing comes after the ranking, 未报送 instead of a score, no rank nor tier
            Row last = sheet.getRow(5);
            assertEquals("", last.getCell(0).getStringCellValue());
            assertEquals("U041", last.getCell(1).getStringCellValue());
            assertEquals(CellType.STRING, last.getCell(3).getCellType());
            assertEquals("未报送", last.getCell(3).getStringCellValue());
            assertEquals("", last.getCell(6).getStringCellValue());
            assertEquals("未报送", last.getCell(7).getStringCellValue());
            assertNull(sheet.getRow(6));
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (Cell cell : row) {
            texts.add(cell.getStringCellValue());
        }
        return texts;
    }
}
