package cn.partybuilding.notification.template;

import cn.partybuilding.notification.intake.RankingView;
import cn.partybuilding.notification.notice.RecipientKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders notices from the Qute templates {@code templates/notices/<TYPE>.txt} (fragments {@code title} and
 * {@code body}) inside the common document layout {@code templates/notices/document.txt}.
 */
@ApplicationScoped
public class NoticeRenderer {
    @Inject
    Engine engine;

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

    static NoticeModel model(RenderInput in) {
        JsonNode f = in.facts();
        String memberName = text(f, "memberName");
        String subject = firstNonBlank(memberName, in.recipientName(), in.unitName());
        NoticeModel.Facts facts = new NoticeModel.Facts(
                text(f, "rank"),
                text(f, "totalUnits"),
                ChineseText.number(decimal(f, "score")),
                ChineseText.tier(text(f, "tier")),
                f != null && f.hasNonNull("rankChange") ? ChineseText.rankChange(f.get("rankChange").asInt()) : null,
                ChineseText.percent(decimal(f, "completionRate")),
                firstNonBlank(text(f, "examName"), text(f, "examId")),
                ChineseText.number(decimal(f, "examScore")),
                ChineseText.number(decimal(f, "passScore")),
                text(f, "description"),
                text(f, "source"),
                firstNonBlank(text(f, "itemId"), ChineseText.isMonth(in.period()) ? null : in.period()),
                text(f, "reason"),
                text(f, "platformPoints"));
        NoticeModel.Original original = null;
        if (in.original() != null) {
            RenderInput.EscalatedNotice o = in.original();
            original = new NoticeModel.Original(o.title(), o.documentNumber(), ChineseText.date(o.issueDate()),
                    Addressee.inSentence(o.kind(), o.unitName(), o.recipientName()), o.workingDays(), o.previousDocumentNumber(),
                    o.previousKind() == null ? null : Addressee.inSentence(o.previousKind(), o.previousUnitName(), null));
        }
        String deadline = in.deadline() != null ? ChineseText.date(in.deadline())
                : f != null && f.hasNonNull("deadline") ? ChineseText.date(java.time.LocalDate.parse(f.get("deadline").asText())) : null;
        return new NoticeModel(in.unitCode(), blankToNull(in.unitName()) == null ? in.unitCode() : in.unitName(),
                blankToNull(in.recipientName()), in.kind().name(), in.kind() == RecipientKind.MEMBER, subject,
                ChineseText.period(in.period()), deadline, in.documentNumber(), in.issuer(), ChineseText.date(in.issueDate()),
                Addressee.of(in.type(), in.kind(), in.unitName(), in.recipientName()), facts, ranking(in.ranking()), original);
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
        String notSubmitted = entries.stream().filter(e -> "NOT_SUBMITTED".equals(e.status())).map(NoticeRenderer::name)
                .collect(Collectors.joining("、"));
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
