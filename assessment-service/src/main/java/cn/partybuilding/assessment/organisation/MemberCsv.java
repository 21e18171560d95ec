package cn.partybuilding.assessment.organisation;

import cn.partybuilding.assessment.common.Checks;
import cn.partybuilding.assessment.common.Csv;
import cn.partybuilding.assessment.common.Violation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a member roster in CSV (header line required; columns in any order):
 * {@code memberId,unitCode,organizationId,name,rank,role,email,active}. organizationId, email and active are optional.
 * Every row is checked; the result is either all rows or the full list of row errors (line numbers count the header as 1).
 */
public final class MemberCsv {
    public static final List<String> REQUIRED_COLUMNS = List.of("memberId", "unitCode", "name", "rank", "role");
    public static final List<String> OPTIONAL_COLUMNS = List.of("organizationId", "email", "active");

    /** What the registry knows, looked up in bulk by the caller. organizationUnit maps organisation id → unit code. */
    public record Known(Set<String> unitCodes, Map<String, String> organizationUnit) {
    }

    public record Result(List<MemberState> rows, List<Violation> errors) {
    }

    private MemberCsv() {
    }

    /** Splits the file; the caller uses the unit codes and organisation ids to look up what it knows. */
    public static List<List<String>> lines(String text) {
        return Csv.parse(text);
    }

    public static Result read(List<List<String>> lines, Function<Set<String>, Known> lookup) {
        List<Violation> errors = new ArrayList<>();
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            errors.add(new Violation(1, "header", "缺少表头，应为 " + String.join(",", REQUIRED_COLUMNS) + "[," + String.join(",", OPTIONAL_COLUMNS) + "]"));
            return new Result(List.of(), errors);
        }
        Map<String, Integer> column = new HashMap<>();
        List<String> header = lines.get(0);
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).trim(), i);
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
        for (int i = 1; i < lines.size(); i++) {
            referenced.add(cell(lines.get(i), column, "unitCode"));
            referenced.add(cell(lines.get(i), column, "organizationId"));
        }
        referenced.remove(null);
        Known known = lookup.apply(referenced);

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
            Boolean active = booleanCell(line, column, row, rowErrors);
            MemberState state = OrganisationService.withDefaults(new MemberState(cell(line, column, "memberId"),
                    cell(line, column, "unitCode"), cell(line, column, "organizationId"), cell(line, column, "name"),
                    rank, role, cell(line, column, "email"), active));
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
        String value = line.get(index).trim();
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

    private static Boolean booleanCell(List<String> line, Map<String, Integer> column, int row, List<Violation> errors) {
        String value = cell(line, column, "active");
        if (value == null) {
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
