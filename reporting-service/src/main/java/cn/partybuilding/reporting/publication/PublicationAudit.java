package cn.partybuilding.reporting.publication;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The before/after a publication leaves in the audit trail: which version it replaced and a summary of the one it made
 * (not the frozen table itself, which stays in the publication's own tables and event).
 */
final class PublicationAudit {
    private PublicationAudit() {
    }

    static Map<String, Object> previous(int version) {
        return Map.of("version", version);
    }

    static Map<String, Object> month(MonthlyPublication.MonthPublication p) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("version", p.version());
        after.put("publishedAt", p.publishedAt().toString());
        after.put("reason", p.reason());
        after.put("ranked", p.entries().size());
        after.put("notSubmitted", p.notSubmitted().size());
        after.put("noticeRequests", p.notices().size());
        return after;
    }

    static Map<String, Object> quarter(QuarterlyPublication.QuarterPublication p) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("version", p.version());
        after.put("publishedAt", p.publishedAt().toString());
        after.put("graded", p.grades().size());
        after.put("noticeRequests", p.notices().size());
        return after;
    }

    static Map<String, Object> year(AnnualPublication.YearPublication p) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("version", p.version());
        after.put("publishedAt", p.publishedAt().toString());
        after.put("reason", p.reason());
        after.put("results", p.results().size());
        after.put("excellent", p.results().stream().filter(AnnualPublication.UnitResult::excellent).count());
        return after;
    }
}
