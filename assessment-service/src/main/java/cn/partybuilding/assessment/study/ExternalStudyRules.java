package cn.partybuilding.assessment.study;

import cn.partybuilding.assessment.organisation.Member;
import cn.partybuilding.contracts.CloudEvent;
import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.contracts.EventTypes;
import cn.partybuilding.contracts.InvalidEventException;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads a study event another system published into its contract payload record ({@link StudyCompleted},
 * {@link ExamGraded}, {@link PlatformPointsRecorded}) and checks it the way the REST endpoints would: known member of
 * the named unit, required fields present. The result is the record to store, or an {@link InvalidEventException} whose
 * message is the dead-letter reason. Plain Java.
 */
public final class ExternalStudyRules {
    public record Accepted(StudyKind<? extends StudyRecord> kind, StudyRecord record) {
    }

    private ExternalStudyRules() {
    }

    public static Accepted read(CloudEvent event, Map<String, Member> members, IntFunction<BigDecimal> passScoreOfYear) {
        return switch (event.type()) {
            case EventTypes.STUDY_COMPLETED -> {
                CompletionRecord c = CloudEventCodec.data(event, StudyCompleted.class).toRecord();
                require(c.activityType() != null, "activityType missing");
                checkMember(c, members);
                yield new Accepted(StudyKinds.COMPLETION, StudyKinds.COMPLETION.complete(c, c.unitCode(), passScoreOfYear));
            }
            case EventTypes.EXAM_GRADED -> {
                ExamGraded e = CloudEventCodec.data(event, ExamGraded.class);
                require(e.examId() != null && !e.examId().isBlank(), "examId missing");
                require(e.score() != null, "score missing");
                checkMember(e.memberId(), e.unitCode(), e.date(), members);
                BigDecimal pass = e.passScore() != null ? e.passScore() : passScoreOfYear.apply(e.date().getYear());
                boolean passed = e.passed() != null ? e.passed() : e.score().compareTo(pass) >= 0;
                yield new Accepted(StudyKinds.EXAM, new ExamRecord(e.memberId(), e.unitCode(), e.examId(), e.date(),
                        e.score().setScale(2, java.math.RoundingMode.HALF_UP), pass.setScale(2, java.math.RoundingMode.HALF_UP), passed));
            }
            case EventTypes.PLATFORM_POINTS_RECORDED -> {
                PointsRecord p = CloudEventCodec.data(event, PlatformPointsRecorded.class).toRecord();
                require(p.points() != null && p.points() >= 0, "points missing or negative");
                checkMember(p, members);
                yield new Accepted(StudyKinds.POINTS, p);
            }
            default -> throw new InvalidEventException("unexpected event type " + event.type() + " on the study topic");
        };
    }

    /** The member id an event names, before its data is fully read (to load members in bulk). */
    public static String memberId(CloudEvent event) {
        return event.data() == null ? null : event.data().path("memberId").asText(null);
    }

    private static void checkMember(StudyRecord r, Map<String, Member> members) {
        checkMember(r.memberId(), r.unitCode(), r.date(), members);
    }

    private static void checkMember(String memberId, String unitCode, java.time.LocalDate date, Map<String, Member> members) {
        require(memberId != null, "memberId missing");
        require(unitCode != null, "unitCode missing");
        require(date != null, "date missing");
        Member member = members.get(memberId);
        require(member != null, "unknown memberId " + memberId);
        require(member.unitCode.equals(unitCode), "member " + memberId + " belongs to unit " + member.unitCode + ", not " + unitCode);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new InvalidEventException(reason);
        }
    }
}
