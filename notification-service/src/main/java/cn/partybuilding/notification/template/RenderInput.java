package cn.partybuilding.notification.template;

import cn.partybuilding.notification.intake.RankingView;
import cn.partybuilding.notification.notice.NoticeType;
import cn.partybuilding.notification.notice.RecipientKind;
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

    public record EscalatedNotice(String title, String documentNumber, LocalDate issueDate, RecipientKind kind,
                                  String unitName, String recipientName, int workingDays) {
    }
}
