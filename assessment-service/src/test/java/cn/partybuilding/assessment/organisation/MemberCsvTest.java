package cn.partybuilding.assessment.organisation;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberCsvTest {
    private static final MemberCsv.Known KNOWN = new MemberCsv.Known(Set.of("U1", "U2"), Map.of("U1-ZB1", "U1", "U2-ZB1", "U2"));

    private static MemberCsv.Result read(String csv) {
        return MemberCsv.read(MemberCsv.lines(csv), refs -> KNOWN);
    }

    @Test
    void validRowsAreReadWithQuotesBomAndAnyColumnOrder() {
        MemberCsv.Result result = read("\uFEFFname,memberId,unitCode,rank,role,organizationId,active\r\n"
                + "\"王, 伟\",M1,U1,deputy_division_or_above,SECRETARY,U1-ZB1,是\r\n"
                + "\r\n"
                + "李娜,M2,U2,SECTION_OR_BELOW,MEMBER,,false\r\n");
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(
                new MemberState("M1", "U1", "U1-ZB1", "王, 伟", Member.Rank.DEPUTY_DIVISION_OR_ABOVE, Member.Role.SECRETARY, null, true),
                new MemberState("M2", "U2", null, "李娜", Member.Rank.SECTION_OR_BELOW, Member.Role.MEMBER, null, false)), result.rows());
    }

    @Test
    void everyBadRowIsReportedWithItsLineNumberAndNoRowIsReturned() {
        MemberCsv.Result result = read("memberId,unitCode,organizationId,name,rank,role\n"
                + "M1,U1,U2-ZB1,张三,SECTION_OR_BELOW,MEMBER\n"
                + "M1,U9,,李四,SECTION_OR_BELOW,BOSS\n");
        assertEquals(List.of(), result.rows());
        assertEquals(List.of(
                new Violation(2, "organizationId", "党组织不属于单位 U1"),
                new Violation(3, "role", "取值无效: BOSS，允许 [SECRETARY, PRINCIPAL_LEADER, COMMITTEE_MEMBER, MEMBER]"),
                new Violation(3, "unitCode", "未知单位: U9"),
                new Violation(3, "memberId", "文件中重复的党员编号: M1")), result.errors());
    }

    @Test
    void aMissingColumnIsReportedOnTheHeader() {
        MemberCsv.Result result = read("memberId,unitCode,name,rank\nM1,U1,张三,OTHER\n");
        assertEquals(List.of(new Violation(1, "role", "表头缺少该列")), result.errors());
    }

    @Test
    void anEmptyFileIsRefused() {
        assertTrue(!read("").errors().isEmpty());
        assertTrue(!read("memberId,unitCode,name,rank,role\n").errors().isEmpty());
    }

    @Test
    void aQuoteThatIsNeverClosedIsRefusedNamingTheLineWhereItStarts() {
        // the hand-written parser read everything after the quote as one name and imported a roster one row short
        ProblemException e = assertThrows(ProblemException.class, () -> MemberCsv.lines(
                "memberId,unitCode,name,rank,role\n"
                        + "M1,U1,张三,OTHER,MEMBER\n"
                        + "M2,U1,\"李四,OTHER,MEMBER\n"
                        + "M3,U1,王五,OTHER,MEMBER\n"));
        assertEquals(400, e.status());
        assertEquals(List.of(new Violation(3, "body", "第 3 行有未闭合的引号，文件其余部分无法读取")), e.violations());
        assertEquals("CSV 格式错误：第 3 行有未闭合的引号，文件其余部分无法读取，未导入任何数据", e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsRefusedNamingTheLine() {
        ProblemException e = assertThrows(ProblemException.class, () -> MemberCsv.lines(
                "memberId,unitCode,name,rank,role\r\nM1,U1,\"张\"三,OTHER,MEMBER\r\n"));
        assertEquals(2, e.violations().get(0).row());
    }

    @Test
    void spacesInsideQuotesAreKeptAndSpacesAroundValuesAreNot() {
        assertEquals(List.of(List.of("a", " b c ", "d", "")), MemberCsv.lines("a,  \" b c \" ,  d  ,\n"));
        // so a quoted id with a stray space is refused instead of silently becoming another id
        MemberCsv.Result result = read("memberId,unitCode,name,rank,role\n\"M1 \",U1,张三,OTHER,MEMBER\n");
        assertEquals(List.of("memberId"), result.errors().stream().map(Violation::field).toList());
        assertEquals(2, result.errors().get(0).row());
    }

    @Test
    void blankLinesKeepLineNumbersAndQuotedLineBreaksStayInTheirField() {
        List<List<String>> lines = MemberCsv.lines("\uFEFFa,b\r\n\r\n\"x\ny\",\"say \"\"hi\"\"\"\r\n");
        assertEquals(List.of(List.of("a", "b"), List.of(), List.of("x\ny", "say \"hi\"")), lines);
    }

    @Test
    void absentOptionalColumnsKeepAKnownMembersValuesAndNewMembersGetTheDefaults() {
        MemberState stored = new MemberState("M1", "U1", "U1-ZB1", "张三", Member.Rank.OTHER, Member.Role.MEMBER, "zs@example.cn", false);
        MemberCsv.Known known = new MemberCsv.Known(Set.of("U1"), Map.of("U1-ZB1", "U1"), Map.of("M1", stored));
        MemberCsv.Result result = MemberCsv.read(MemberCsv.lines("memberId,unitCode,name,rank,role\n"
                + "M1,U1,张三,OTHER,MEMBER\nM2,U1,李四,OTHER,MEMBER\n"), refs -> known);
        assertEquals(List.of(stored, new MemberState("M2", "U1", null, "李四", Member.Rank.OTHER, Member.Role.MEMBER, null, true)),
                result.rows());
    }

    @Test
    void emptyCellsClearOrganizationAndEmailButNotActive() {
        MemberState stored = new MemberState("M1", "U1", "U1-ZB1", "张三", Member.Rank.OTHER, Member.Role.MEMBER, "zs@example.cn", false);
        MemberCsv.Known known = new MemberCsv.Known(Set.of("U1"), Map.of("U1-ZB1", "U1"), Map.of("M1", stored));
        MemberCsv.Result cleared = MemberCsv.read(MemberCsv.lines("memberId,unitCode,name,rank,role,organizationId,email\n"
                + "M1,U1,张三,OTHER,MEMBER,,\n"), refs -> known);
        assertEquals(List.of(new MemberState("M1", "U1", null, "张三", Member.Rank.OTHER, Member.Role.MEMBER, null, false)), cleared.rows());
        MemberCsv.Result emptyActive = MemberCsv.read(MemberCsv.lines("memberId,unitCode,name,rank,role,active\n"
                + "M1,U1,张三,OTHER,MEMBER,\n"), refs -> known);
        assertEquals(List.of(new Violation(2, "active", "列 active 存在时不能为空，请填写 true（在册）或 false（已离开）；不修改请删除该列")),
                emptyActive.errors());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedUnlessTheirCharsetIsNamed() {
        byte[] gbk = "memberId,unitCode,name,rank,role\nM1,U1,欧阳晓燕,OTHER,MEMBER\n".getBytes(java.nio.charset.Charset.forName("GBK"));
        ProblemException e = assertThrows(ProblemException.class, () -> MemberCsv.decode(gbk, null));
        assertEquals(400, e.status());
        assertEquals("文件不是有效的 UTF-8 编码；如为 GBK 编码，请在 Content-Type 中注明 charset=GBK，未导入任何数据", e.getMessage());
        assertEquals(new Violation(2, "Content-Type", "第 2 行含有不是 UTF-8 编码的字节"), e.violations().get(0));
        assertTrue(MemberCsv.decode(gbk, "GBK").contains("欧阳晓燕"));
        assertTrue(MemberCsv.decode(gbk, "gb18030").contains("欧阳晓燕"));
        assertEquals("\uFEFFa,张三\n", MemberCsv.decode("\uFEFFa,张三\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), null));
        assertEquals("Content-Type", assertThrows(ProblemException.class, () -> MemberCsv.decode(gbk, "NO-SUCH")).violations().get(0).field());
    }
}
