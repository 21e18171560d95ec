package cn.partybuilding.assessment.organisation;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import cn.partybuilding.assessment.common.Checks;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a member roster in CSV (header line required; columns in any order):
 * {@code memberId,unitCode,organizationId,name,rank,role,email,active,effectiveFrom}. organizationId, email, active and
 * effectiveFrom are optional; effectiveFrom (YYYY-MM-DD) is the day a row's change took effect (joined, left, moved),
 * empty or absent = the day of the import; it is checked like a REST change's ({@link OrganisationRules#effectiveFromProblem}).
 * Every row is checked; the result is either all rows or the full list of row errors (line numbers count the header as 1).
 * <p>
 * A roster is often re-exported from another system with fewer columns, so an optional column that is <em>absent</em>
 * leaves a known member's value as it is (new members get the defaults: no branch, no e-mail, active). An empty cell in
 * a <em>present</em> column clears the value where a member may lack it (organizationId, email); active cannot be
 * empty (nobody can tell whether an empty cell means "left" or "still here"), so that is a row error.
 */
public final class MemberCsv {
    public static final List<String> REQUIRED_COLUMNS = List.of("memberId", "unitCode", "name", "rank", "role");
    public static final List<String> OPTIONAL_COLUMNS = List.of("organizationId", "email", "active", "effectiveFrom");

    /** What the file refers to: unit and organisation codes, and member ids (whose stored facts absent columns keep). */
    public record References(Set<String> codes, Set<String> memberIds) {
    }

    /**
     * What the registry knows, looked up in bulk by the caller. organizationUnit maps organisation id → unit code (also
     * for the organisations existing members belong to); existing maps member id → stored facts; today is the import's
     * day in the county's zone (the default effective date and the latest allowed).
     */
    public record Known(Set<String> unitCodes, Map<String, String> organizationUnit, Map<String, MemberState> existing, LocalDate today) {
        public Known(Set<String> unitCodes, Map<String, String> organizationUnit, Map<String, MemberState> existing) {
            this(unitCodes, organizationUnit, existing, null);
        }

        public Known(Set<String> unitCodes, Map<String, String> organizationUnit) {
            this(unitCodes, organizationUnit, Map.of());
        }
    }

    public record Result(List<MemberState> rows, List<Violation> errors) {
    }

    private MemberCsv() {
    }

    /**
     * RFC 4180 (comma, double quotes with "" escapes, CRLF or LF). Spaces around a value are dropped, spaces inside
     * quotes are data and kept. Blank lines are kept (as empty rows) so row numbers stay line numbers.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(false)
            .get();

    /**
     * Splits the file into rows of fields (Apache Commons CSV; a leading byte order mark is skipped). A file that is not
     * valid CSV, above all a quote that is never closed (which would otherwise swallow every later row into one field),
     * is refused as a whole with a 400 naming the line where the broken row starts.
     */
    public static List<List<String>> lines(String text) {
        List<List<String>> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                long startLine = parser.getCurrentLineNumber() + 1;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    List<String> fields = records.next().toList();
                    lines.add(fields.size() == 1 && fields.get(0).isEmpty() ? List.of() : fields);
                } catch (UncheckedIOException e) {
                    throw malformed(startLine, e.getCause());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String: not expected
        }
        return lines;
    }

    /**
     * The file's text. Without a {@code charset} parameter the bytes must be UTF-8; with one (GBK, GB18030, …, as Excel
     * on a Chinese Windows saves "CSV") they are decoded with it. Bytes that are not valid in that charset refuse the
     * file naming the line of the first bad byte: replacing them would import names like "���", which pass every check.
     */
    public static String decode(byte[] bytes, String charsetParameter) {
        Charset charset;
        try {
            charset = charsetParameter == null ? StandardCharsets.UTF_8 : Charset.forName(charsetParameter.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("Content-Type", "不支持的字符集: " + charsetParameter);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            String detail = charsetParameter == null
                    ? "文件不是有效的 UTF-8 编码；如为 GBK 编码，请在 Content-Type 中注明 charset=GBK，未导入任何数据"
                    : "文件不是有效的 " + charset.name() + " 编码（Content-Type 中注明 charset=" + charsetParameter
                    + "），请检查文件的实际编码，未导入任何数据";
            throw ProblemException.invalid(detail, List.of(new Violation(line, "Content-Type",
                    "第 " + line + " 行含有不是 " + charset.name() + " 编码的字节")));
        }
        return out.flip().toString();
    }

    private static ProblemException malformed(long line, IOException cause) {
        String message = String.valueOf(cause == null ? null : cause.getMessage());
        String reason = message.contains("EOF reached before encapsulated token finished")
                ? "第 " + line + " 行有未闭合的引号，文件其余部分无法读取"
                : "第 " + line + " 行不是有效的 CSV（引号字段后只能是逗号或换行）";
        return ProblemException.invalid("CSV 格式错误：" + reason + "，未导入任何数据", List.of(new Violation((int) line, "body", reason)));
    }

    public static Result read(List<List<String>> lines, Function<References, Known> lookup) {
        List<Violation> errors = new ArrayList<>();
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            errors.add(new Violation(1, "header", "缺少表头，应为 " + String.join(",", REQUIRED_COLUMNS) + "[," + String.join(",", OPTIONAL_COLUMNS) + "]"));
            return new Result(List.of(), errors);
        }
        Map<String, Integer> column = new HashMap<>();
        List<String> header = lines.get(0);
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i), i);
        }
        for (String required : REQUIRED_COLUMNS) {
            if (!column.containsKey(required)) {
                errors.add(new Violation(1, required, "表头缺少该列"));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors);
        }
        Set<String> referenced = new HashSet<>();
        Set<String> memberIds = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            referenced.add(cell(lines.get(i), column, "unitCode"));
            referenced.add(cell(lines.get(i), column, "organizationId"));
            memberIds.add(cell(lines.get(i), column, "memberId"));
        }
        referenced.remove(null);
        memberIds.remove(null);
        Known known = lookup.apply(new References(referenced, memberIds));

        List<MemberState> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            int row = i + 1;
            if (line.isEmpty() || line.stream().allMatch(String::isBlank)) {
                continue;
            }
            List<Violation> rowErrors = new ArrayList<>();
            Member.Rank rank = enumCell(line, column, "rank", Member.Rank.class, row, rowErrors);
            Member.Role role = enumCell(line, column, "role", Member.Role.class, row, rowErrors);
            String memberId = cell(line, column, "memberId");
            MemberState stored = memberId == null ? null : known.existing().get(memberId);
            boolean keepsOrganization = stored != null && !column.containsKey("organizationId");
            String organizationId = keepsOrganization ? stored.organizationId() : cell(line, column, "organizationId");
            String email = stored != null && !column.containsKey("email") ? stored.email() : cell(line, column, "email");
            Boolean active = column.containsKey("active") ? booleanCell(line, column, row, rowErrors)
                    : stored != null ? stored.active() : Boolean.TRUE;
            LocalDate effectiveFrom = dateCell(line, column, "effectiveFrom", row, rowErrors);
            MemberState state = OrganisationService.withDefaults(new MemberState(memberId,
                    cell(line, column, "unitCode"), organizationId, cell(line, column, "name"),
                    rank, role, email, active, effectiveFrom, null));
            if (effectiveFrom != null) {
                String problem = OrganisationRules.effectiveFromProblem(effectiveFrom, known.today(), stored == null ? null : stored.effectiveFrom());
                if (problem != null) {
                    rowErrors.add(new Violation(row, "effectiveFrom", problem));
                }
            }
            Checks checks = OrganisationRules.member(state);
            checks.violations().stream()
                    .filter(v -> !(("rank".equals(v.field()) && rowHas(rowErrors, "rank")) || ("role".equals(v.field()) && rowHas(rowErrors, "role"))))
                    .forEach(v -> rowErrors.add(new Violation(row, v.field(), v.reason())));
            if (state.unitCode() != null && !state.unitCode().isBlank() && !known.unitCodes().contains(state.unitCode())) {
                rowErrors.add(new Violation(row, "unitCode", "未知单位: " + state.unitCode()));
            }
            if (state.organizationId() != null) {
                String orgUnit = known.organizationUnit().get(state.organizationId());
                if (orgUnit == null) {
                    rowErrors.add(new Violation(row, "organizationId", "未知党组织: " + state.organizationId()));
                } else if (keepsOrganization && !orgUnit.equals(state.unitCode())) {
                    // the file moves the member to another unit but says nothing about the branch: keeping the old one
                    // would link the member to another unit's organisation, clearing it silently would lose it
                    rowErrors.add(new Violation(row, "organizationId", "党员现属党组织 " + state.organizationId() + " 不属于新单位 "
                            + state.unitCode() + "，更换单位时请增加 organizationId 列并填写新党组织（或留空）"));
                } else if (!orgUnit.equals(state.unitCode())) {
                    rowErrors.add(new Violation(row, "organizationId", "党组织不属于单位 " + state.unitCode()));
                }
            }
            if (state.memberId() != null && !seen.add(state.memberId())) {
                rowErrors.add(new Violation(row, "memberId", "文件中重复的党员编号: " + state.memberId()));
            }
            errors.addAll(rowErrors);
            rows.add(state);
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new Violation(2, "body", "文件没有数据行"));
        }
        return new Result(errors.isEmpty() ? rows : List.of(), errors);
    }

    private static boolean rowHas(List<Violation> errors, String field) {
        return errors.stream().anyMatch(v -> field.equals(v.field()));
    }

    private static String cell(List<String> line, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        if (index == null || index >= line.size()) {
            return null;
        }
        // no trim: the parser already dropped spaces around values, and spaces inside quotes are what the file says
        String value = line.get(index);
        return value.isEmpty() ? null : value;
    }

    private static <E extends Enum<E>> E enumCell(List<String> line, Map<String, Integer> column, String name, Class<E> type,
                                                  int row, List<Violation> errors) {
        String value = cell(line, column, name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new Violation(row, name, "取值无效: " + value + "，允许 " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static LocalDate dateCell(List<String> line, Map<String, Integer> column, String name, int row, List<Violation> errors) {
        String value = cell(line, column, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Violation(row, name, "日期无效: " + value + "，格式应为 YYYY-MM-DD"));
            return null;
        }
    }

    private static Boolean booleanCell(List<String> line, Map<String, Integer> column, int row, List<Violation> errors) {
        String value = cell(line, column, "active");
        if (value == null) {
            errors.add(new Violation(row, "active", "列 active 存在时不能为空，请填写 true（在册）或 false（已离开）；不修改请删除该列"));
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "是" -> true;
            case "false", "0", "no", "否" -> false;
            default -> {
                errors.add(new Violation(row, "active", "取值无效: " + value + "，允许 true/false"));
                yield null;
            }
        };
    }
}
