package cn.partybuilding.notification.template;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** Everything a notice template may print; null fields are simply left out by the templates. */
@TemplateData
public record NoticeModel(
        String unitCode,
        String unitName,
        String recipientName,
        String recipientKind,
        boolean toMember,
        String subjectName,
        String periodText,
        String deadlineText,
        String documentNumber,
        String issuer,
        String dateText,
        String addressee,
        Facts f,
        Ranking ranking,
        Original original,
        Annual annual) {

    /**
     * Issue 16.5: a year's results, from the request's facts: the table ({@code results}, 年度通报) and the recipient unit's
     * own figures (年度通报表扬). Null for any other notice.
     */
    @TemplateData
    public record Annual(int version, int totalUnits, List<AnnualRow> rows, String excellent, int excellentCount,
                         String meanMonthlyScore, String debriefScore, String annualScore, String reviewers) {
    }

    @TemplateData
    public record AnnualRow(int rank, String unitName, String meanMonthlyScore, String debriefScore, String annualScore,
                            boolean excellent) {
    }

    /** The request's facts, formatted. */
    @TemplateData
    public record Facts(String rank, String totalUnits, String score, String tier, String rankChange,
                        String completionRate, String examName, String examScore, String passScore,
                        String description, String source, String itemId, String reason, String platformPoints,
                        String meanScore, String previousExamScore, String members, Branch branch,
                        List<Overdue> overdueRectifications) {
    }

    /** Issue 16.2: the branch a BRANCH_RECTIFICATION is about, with its quarter's figures. */
    @TemplateData
    public record Branch(String name, String quarterText, String rank, String branchesRanked, String meetingRegularity,
                         String studyCompletion, String examPassRate) {
    }

    /** One overdue rectification item a monthly bulletin lists (issue 16.4). */
    @TemplateData
    public record Overdue(String unitName, String description, String source, String deadlineText) {
    }

    /** The ranking table a monthly bulletin carries. */
    @TemplateData
    public record Ranking(int version, int totalUnits, List<Row> rows, String advanced, int advancedCount,
                          String lagging, int laggingCount, String notSubmitted) {
    }

    @TemplateData
    public record Row(int rank, String unitName, String score, String tier, String change, boolean notSubmitted) {
    }

    /** The notice an escalation is about. */
    @TemplateData
    public record Original(String title, String documentNumber, String dateText, String recipientText, int workingDays,
                           String previousDocumentNumber, String previousRecipientText) {
    }
}
