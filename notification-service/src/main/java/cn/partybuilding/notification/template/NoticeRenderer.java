package cn.partybuilding.notification.template;

import cn.partybuilding.notification.notice.NoticeText;
import cn.partybuilding.notification.notice.RecipientKind;
import cn.partybuilding.notification.notice.RenderInput;
import cn.partybuilding.notification.notice.Rendered;
import cn.partybuilding.notification.ranking.RankingView;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders notices from the Qute templates {@code templates/notices/<TYPE>.txt} (fragments {@code title} and
 * {@code body}) inside the common document layout {@code templates/notices/document.txt}.
 */
@ApplicationScoped
public class NoticeRenderer implements NoticeText {
    @Inject
    Engine engine;

    @Override
    public Rendered render(RenderInput in) {
        NoticeModel model = model(in);
        Template template = engine.getTemplate("notices/" + in.type().name());
        if (template == null) {
            throw new IllegalStateException("no template for notice type " + in.type());
        }
        String title = trimLines(template.getFragment("title").data("n", model).render()).strip();
        String body = trimLines(template.getFragment("body").data("n", model).render());
        String document = engine.getTemplate("notices/document")
                .data("title", title)
                .data("n", model)
                .data("body", body)
                .render();
        return new Rendered(title, body, trimLines(document));
    }

    /** Drops leading and trailing line breaks only: String.strip() would also eat the 全角 indentation (U+3000) of the first paragraph. */
    static String trimLines(String text) {
        return text.replaceAll("^[\\r\\n]+|[\\r\\n]+$", "");
    }

    /** The overdue rectification items a monthly bulletin lists (facts.overdueRectifications, issue 16.4); empty: none. */
    static List<NoticeModel.Overdue> overdue(JsonNode f) {
        List<NoticeModel.Overdue> items = new ArrayList<>();
        if (f != null && f.path("overdueRectifications").isArray()) {
            for (JsonNode i : f.get("overdueRectifications")) {
                items.add(new NoticeModel.Overdue(firstNonBlank(text(i, "unitName"), text(i, "unitCode")), text(i, "description"),
                        text(i, "source"), ChineseText.date(date(i, "deadline"))));
            }
        }
        return items;
    }

    static NoticeModel model(RenderInput in) {
        JsonNode f = in.facts();
        List<JsonNode> members = new ArrayList<>();
        if (f != null && f.path("members").isArray()) {
            f.get("members").forEach(members::add);
        }
        String memberNames = members.stream().map(m -> text(m, "memberName") != null ? text(m, "memberName") : text(m, "memberId"))
                .filter(java.util.Objects::nonNull).collect(Collectors.joining("、"));
        String membersText = members.stream().map(NoticeRenderer::memberLine).filter(java.util.Objects::nonNull)
                .collect(Collectors.joining("、"));
        String subject = firstNonBlank(text(f, "memberName"), memberNames, in.recipientName(), in.unitName());
        NoticeModel.Facts facts = new NoticeModel.Facts(
                text(f, "rank"),
                firstNonBlank(text(f, "totalUnits"), text(f, "unitsRanked")),
                ChineseText.number(decimal(f, "score")),
                ChineseText.tier(text(f, "tier")),
                f != null && f.path("rankChange").canConvertToInt() && f.get("rankChange").isNumber()
                        ? ChineseText.rankChange(f.get("rankChange").asInt()) : null,
                ChineseText.percent(decimal(f, "completionRate")),
                examText(f, in.period()),
                ChineseText.number(decimal(f, "examScore")),
                ChineseText.number(decimal(f, "passScore")),
                text(f, "description"),
                text(f, "source"),
                firstNonBlank(text(f, "itemId"), ChineseText.isMonth(in.period()) ? null : in.period()),
                text(f, "reason"),
                text(f, "platformPoints"),
                ChineseText.number(decimal(f, "meanScore")),
                ChineseText.number(decimal(f, "previousExamScore")),
                membersText.isEmpty() ? null : membersText,
                branch(f), overdue(f));
        NoticeModel.Original original = null;
        if (in.original() != null) {
            RenderInput.EscalatedNotice o = in.original();
            original = new NoticeModel.Original(o.title(), o.documentNumber(), ChineseText.date(o.issueDate()),
                    Addressee.inSentence(o.kind(), o.unitName(), o.recipientName()), o.workingDays(), o.previousDocumentNumber(),
                    o.previousKind() == null ? null : Addressee.inSentence(o.previousKind(), o.previousUnitName(), o.previousRecipientName()));
        }
        String deadline = in.deadline() != null ? ChineseText.date(in.deadline()) : ChineseText.date(date(f, "deadline"));
        return new NoticeModel(in.unitCode(), blankToNull(in.unitName()) == null ? in.unitCode() : in.unitName(),
                blankToNull(in.recipientName()), in.kind().name(), in.kind() == RecipientKind.MEMBER, subject,
                ChineseText.period(in.period()), deadline, in.documentNumber(), in.issuer(), ChineseText.date(in.issueDate()),
                Addressee.of(in.type(), in.kind(), in.unitName(), in.recipientName()), facts, ranking(in.ranking()), original,
                in.type().annual() ? annual(f) : null);
    }

    /**
     * The branch of a BRANCH_RECTIFICATION (facts branchName, quarter, rank, ...); every field null when the facts name no
     * branch (the templates are strict: a property of a null object is an error, a null property is not).
     */
    private static NoticeModel.Branch branch(JsonNode f) {
        String name = firstNonBlank(text(f, "branchName"), text(f, "branchId"));
        String quarter = text(f, "quarter");
        return new NoticeModel.Branch(name, quarter == null ? null : ChineseText.period(quarter), text(f, "rank"),
                text(f, "branchesRanked"), ChineseText.percent(decimal(f, "meetingRegularity")),
                ChineseText.percent(decimal(f, "studyCompletion")), ChineseText.percent(decimal(f, "examPassRate")));
    }

    /** How the text names the exam: its name, else "2026年6月20日的党的理论知识测试（2026-H1-theory）", else the period's test. */
    private static String examText(JsonNode f, String period) {
        String name = text(f, "examName");
        if (name != null) {
            return name;
        }
        LocalDate day = date(f, "examDate");
        String id = text(f, "examId");
        if (day == null && id == null) {
            return ChineseText.period(period) + "党的理论知识测试";
        }
        return (day == null ? "" : ChineseText.date(day) + "的") + "党的理论知识测试" + (id == null ? "" : "（" + id + "）");
    }

    /** 张三同志（52分） for a member listed in a secretary's notice. */
    private static String memberLine(JsonNode m) {
        String name = firstNonBlank(text(m, "memberName"), text(m, "memberId"));
        if (name == null) {
            return null;
        }
        String score = ChineseText.number(decimal(m, "examScore"));
        return name + "同志" + (score == null ? "" : "（" + score + "分）");
    }

    private static LocalDate date(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** A year's results from the facts of an ANNUAL_BULLETIN ({@code results}) or ANNUAL_COMMENDATION (the unit's figures). */
    static NoticeModel.Annual annual(JsonNode f) {
        List<NoticeModel.AnnualRow> rows = new ArrayList<>();
        if (f != null && f.path("results").isArray()) {
            f.get("results").forEach(r -> rows.add(new NoticeModel.AnnualRow(r.path("rank").asInt(0),
                    firstNonBlank(text(r, "unitName"), text(r, "unitCode")), ChineseText.number(decimal(r, "meanMonthlyScore")),
                    ChineseText.number(decimal(r, "debriefScore")), ChineseText.number(decimal(r, "annualScore")),
                    r.path("excellent").asBoolean(false))));
        }
        rows.sort(Comparator.comparingInt(NoticeModel.AnnualRow::rank));
        List<String> excellent = rows.stream().filter(NoticeModel.AnnualRow::excellent).map(NoticeModel.AnnualRow::unitName).toList();
        int total = f != null && f.path("unitsRanked").canConvertToInt() ? f.get("unitsRanked").asInt() : rows.size();
        return new NoticeModel.Annual(f == null ? 1 : f.path("version").asInt(1), total, rows, String.join("、", excellent),
                excellent.size(), ChineseText.number(decimal(f, "meanMonthlyScore")), ChineseText.number(decimal(f, "debriefScore")),
                ChineseText.number(decimal(f, "annualScore")), text(f, "reviewers"));
    }

    static NoticeModel.Ranking ranking(RankingView view) {
        if (view == null || view.entries() == null) {
            return null;
        }
        List<RankingView.Entry> entries = new ArrayList<>(view.entries());
        entries.sort(Comparator.comparing(e -> e.rank() == null ? Integer.MAX_VALUE : e.rank()));
        List<NoticeModel.Row> rows = entries.stream().map(e -> new NoticeModel.Row(
                e.rank() == null ? 0 : e.rank(), name(e), ChineseText.number(e.score()), ChineseText.tier(e.tier()),
                ChineseText.rankChange(e.rankChange()), "NOT_SUBMITTED".equals(e.status()))).toList();
        List<String> advanced = entries.stream().filter(e -> "ADVANCED".equals(e.tier())).map(NoticeRenderer::name).toList();
        List<String> lagging = entries.stream().filter(e -> "LAGGING".equals(e.tier())).map(NoticeRenderer::name).toList();
        List<String> notSubmittedNames = new ArrayList<>(entries.stream().filter(e -> "NOT_SUBMITTED".equals(e.status()))
                .map(NoticeRenderer::name).toList());
        // since issue 12.4 a unit that submitted nothing is not an entry (versions before it listed it as one, ranked last)
        List<NoticeModel.Row> all = new ArrayList<>(rows);
        for (RankingView.Unit u : view.notSubmitted() == null ? List.<RankingView.Unit>of() : view.notSubmitted()) {
            String name = u.unitName() == null || u.unitName().isBlank() ? u.unitCode() : u.unitName();
            notSubmittedNames.add(name);
            all.add(new NoticeModel.Row(0, name, null, null, null, true));
        }
        String notSubmitted = String.join("、", notSubmittedNames);
        rows = all;
        return new NoticeModel.Ranking(view.version() == null ? 1 : view.version(), rows.size(), rows,
                String.join("、", advanced), advanced.size(), String.join("、", lagging), lagging.size(),
                notSubmitted.isEmpty() ? null : notSubmitted);
    }

    private static String name(RankingView.Entry e) {
        return e.unitName() == null || e.unitName().isBlank() ? e.unitCode() : e.unitName();
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        String value = node.get(field).asText();
        return value.isBlank() ? null : value;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
