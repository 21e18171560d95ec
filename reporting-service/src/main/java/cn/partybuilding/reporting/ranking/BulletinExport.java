package cn.partybuilding.reporting.ranking;

import cn.partybuilding.reporting.scoring.NotSubmittedUnit;
import cn.partybuilding.reporting.scoring.RankedUnit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The bulletin table (月度通报排名表) as CSV (UTF-8 with BOM, so Excel shows the Chinese) and as a minimal
 * Office Open XML workbook (one sheet, inline strings) written with java.util.zip.
 */
public final class BulletinExport {
    static final List<String> HEADER = List.of("名次", "单位代码", "单位名称", "得分", "上月名次", "名次变化", "等次", "状态", "学习完成率", "扣分", "加分");

    private BulletinExport() {
    }

    /** The ranked units, then those that submitted nothing: 未报送 where the score would be, no rank and no tier (issue 12.4). */
    public static List<List<Object>> rows(List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted) {
        List<List<Object>> rows = new ArrayList<>();
        for (RankedUnit e : entries) {
            List<Object> row = new ArrayList<>();
            row.add(e.rank());
            row.add(e.unitCode());
            row.add(e.unitName() == null ? "" : e.unitName());
            row.add(e.score());
            row.add(e.previousRank() == null ? "" : e.previousRank());
            row.add(e.rankChange() == null ? "" : e.rankChange());
            row.add(switch (e.tier()) {
                case ADVANCED -> "先进";
                case MIDDLE -> "中间";
                case LAGGING -> "后进";
            });
            row.add("已报送");
            row.add(String.format(Locale.ROOT, "%.1f%%", e.completionRate() * 100));
            row.add(e.deductions());
            row.add(e.bonuses());
            rows.add(row);
        }
        for (NotSubmittedUnit u : notSubmitted) {
            rows.add(List.of("", u.unitCode(), u.unitName() == null ? "" : u.unitName(), NotSubmittedView.LABEL, "", "", "",
                    NotSubmittedView.LABEL, "", "", ""));
        }
        return rows;
    }

    public static byte[] csv(String title, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(csvCell(title)).append("\r\n");
        out.append(String.join(",", HEADER.stream().map(BulletinExport::csvCell).toList())).append("\r\n");
        for (List<Object> row : rows(entries, notSubmitted)) {
            out.append(String.join(",", row.stream().map(v -> csvCell(text(v))).toList())).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(String title, List<RankedUnit> entries, List<NotSubmittedUnit> notSubmitted) {
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(title));
        rows.add(new ArrayList<>(HEADER));
        rows.addAll(rows(entries, notSubmitted));
        for (int r = 0; r < rows.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String ref = column(c) + (r + 1);
                Object v = row.get(c);
                if (v instanceof Number n) {
                    sheet.append("<c r=\"").append(ref).append("\"><v>").append(text(n)).append("</v></c>");
                } else {
                    sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(xml(text(v))).append("</t></is></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            entry(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"排名\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "</Relationships>");
            entry(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static String column(int index) {
        StringBuilder name = new StringBuilder();
        int i = index + 1;
        while (i > 0) {
            int rem = (i - 1) % 26;
            name.insert(0, (char) ('A' + rem));
            i = (i - 1) / 26;
        }
        return name.toString();
    }

    private static String text(Object v) {
        if (v instanceof Double d) {
            if (d == Math.rint(d)) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            String two = String.format(Locale.ROOT, "%.2f", d);
            return two.endsWith("0") ? two.substring(0, two.length() - 1) : two;
        }
        return String.valueOf(v);
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
