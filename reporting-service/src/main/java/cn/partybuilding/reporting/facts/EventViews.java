package cn.partybuilding.reporting.facts;

import cn.partybuilding.contracts.InvalidEventException;
import cn.partybuilding.reporting.scoring.Enums.ActivityType;
import cn.partybuilding.reporting.scoring.Enums.MemberRank;
import cn.partybuilding.reporting.scoring.Enums.MemberRole;
import cn.partybuilding.reporting.scoring.Enums.OrganizationKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The fields reporting-service reads from each consumed payload (tolerant reader: everything else is ignored).
 * {@code validate()} names the first missing required field; an unknown enum value fails while reading.
 */
public final class EventViews {
    private static final Pattern PERIOD = Pattern.compile("^[0-9]{4}-(0[1-9]|1[0-2])$");

    private EventViews() {
    }

    /** SUBMITTED (issue 16.4): the unit's evidence waits for the committee — not closed. */
    public enum RectificationStatus { OPEN, SUBMITTED, CLOSED, OVERDUE }

    public record UnitView(String unitCode, String name, String category) {
        void validate() {
            require(unitCode, "unitCode");
            require(name, "name");
        }
    }

    public record OrganizationView(String organizationId, String unitCode, String parentId, OrganizationKind kind, String name) {
        void validate() {
            require(organizationId, "organizationId");
            require(unitCode, "unitCode");
            require(kind, "kind");
            require(name, "name");
        }
    }

    /**
     * A member's state from {@code effectiveFrom} (null: since always) on, as the member's {@code revision} (null: an
     * event from before revisions existed, read as 0).
     */
    public record MemberView(String memberId, String unitCode, String organizationId, String name, MemberRank rank,
                             MemberRole role, String email, Boolean active, Integer revision, LocalDate effectiveFrom) {
        void validate() {
            require(memberId, "memberId");
            require(unitCode, "unitCode");
            require(name, "name");
            require(rank, "rank");
            require(role, "role");
            require(active, "active");
            if (revision != null && revision < 0) {
                throw new InvalidEventException("revision must not be negative, was " + revision);
            }
        }

        public int revisionOrZero() {
            return revision == null ? 0 : revision;
        }
    }

    public record AssessmentView(String assessmentId, Integer revision, String unitCode, String indicatorCode, String period,
                                 BigDecimal score, String assessor, Integer systemYear, Integer systemVersion) {
        void validate() {
            require(assessmentId, "assessmentId");
            require(revision, "revision");
            require(unitCode, "unitCode");
            require(indicatorCode, "indicatorCode");
            requirePeriod(period);
            require(score, "score");
            require(systemYear, "systemYear");
            require(systemVersion, "systemVersion");
        }
    }

    public record FindingView(String findingId, String unitCode, String period, BigDecimal deductionPoints, String source, String description) {
        void validate() {
            require(findingId, "findingId");
            require(unitCode, "unitCode");
            requirePeriod(period);
            require(deductionPoints, "deductionPoints");
        }
    }

    public record BonusView(String bonusId, String unitCode, String period, BigDecimal points, String reason) {
        void validate() {
            require(bonusId, "bonusId");
            require(unitCode, "unitCode");
            requirePeriod(period);
            require(points, "points");
        }
    }

    /** {@code description}, {@code source} and {@code remindWorkingDays} (due-soon) are what the 整改提醒 / 逾期通报 cite. */
    public record RectificationView(String itemId, String findingId, String unitCode, LocalDate deadline,
                                    RectificationStatus status, LocalDate closedOn, String description, String source,
                                    Integer remindWorkingDays) {
        void validate() {
            require(itemId, "itemId");
            require(findingId, "findingId");
            require(unitCode, "unitCode");
            require(status, "status");
        }
    }

    /** A 责任清单 item's whole state after a change (issue 16.3); the highest revision of an item is its state. */
    public record ResponsibilityView(String itemId, String unitCode, Integer year, String level, String organizationId, String dutyKind,
                                     String responsibleMemberId, String content, LocalDate dueDate, ResponsibilityStatus status,
                                     LocalDate doneOn, String evidence, String checkedBy, Integer revision) {
        void validate() {
            require(itemId, "itemId");
            require(unitCode, "unitCode");
            require(year, "year");
            require(level, "level");
            require(dutyKind, "dutyKind");
            require(responsibleMemberId, "responsibleMemberId");
            require(content, "content");
            require(dueDate, "dueDate");
            require(status, "status");
            require(revision, "revision");
            if (status == ResponsibilityStatus.DONE) {
                require(doneOn, "doneOn");
            }
        }
    }

    public enum ResponsibilityStatus { OPEN, DONE }

    public record PeriodView(String period, String reason, String by) {
        void validate() {
            requirePeriod(period);
        }
    }

    /** {@code meetingId}: the meeting whose attendance the completion is (null for a completion recorded on its own). */
    public record StudyView(String memberId, String unitCode, ActivityType activityType, LocalDate date, String meetingId) {
        void validate() {
            require(memberId, "memberId");
            require(unitCode, "unitCode");
            require(activityType, "activityType");
            require(date, "date");
        }
    }

    public record ExamView(String memberId, String unitCode, String examId, LocalDate date, BigDecimal score, Boolean passed) {
        void validate() {
            require(memberId, "memberId");
            require(unitCode, "unitCode");
            require(examId, "examId");
            require(date, "date");
            require(score, "score");
            require(passed, "passed");
        }
    }

    public record PointsView(String memberId, String unitCode, LocalDate date, Integer points) {
        void validate() {
            require(memberId, "memberId");
            require(unitCode, "unitCode");
            require(date, "date");
            require(points, "points");
        }
    }

    static void require(Object value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw new InvalidEventException("missing required field '" + field + "'");
        }
    }

    static void requirePeriod(String value) {
        require(value, "period");
        if (!PERIOD.matcher(value).matches()) {
            throw new InvalidEventException("period must be YYYY-MM, was '" + value + "'");
        }
    }
}
