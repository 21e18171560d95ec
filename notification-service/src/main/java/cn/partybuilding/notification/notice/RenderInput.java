package cn.partybuilding.notification.notice;

import cn.partybuilding.notification.ranking.RankingView;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;

/** What a notice is rendered from. {@code ranking} only for MONTHLY_BULLETIN, {@code original} only for ESCALATION. */
public record RenderInput(
        NoticeType type,
        RecipientKind kind,
        String unitCode,
        String unitName,
        String recipientName,
        String period,
        LocalDate deadline,
        JsonNode facts,
        String documentNumber,
        String issuer,
        LocalDate issueDate,
        RankingView ranking,
        EscalatedNotice original) {

    /**
     * What a county-wide document's text is made of: this input without the copy's recipient. Every copy of one
     * document (one 文号, 主送 all units) has the same, since those templates name all units, never the copy's own.
     */
    RenderInput document() {
        return new RenderInput(type, null, null, null, null, period, deadline, facts, documentNumber, issuer, issueDate, ranking, original);
    }

    /**
     * The notice nobody acknowledged: the first notice of the chain ({@code title} … {@code recipientName}) and, from
     * the second escalation on, the previous 督办通知 that was not acknowledged either ({@code previous*}, else null).
     */
    public record EscalatedNotice(String title, String documentNumber, LocalDate issueDate, RecipientKind kind,
                                  String unitName, String recipientName, int workingDays,
                                  String previousDocumentNumber, RecipientKind previousKind, String previousUnitName,
                                  String previousRecipientName) {
    }
}
