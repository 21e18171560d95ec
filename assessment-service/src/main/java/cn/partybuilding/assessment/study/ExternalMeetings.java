package cn.partybuilding.assessment.study;

import cn.partybuilding.contracts.CloudEvent;

/**
 * Another system's meeting event (meeting.recorded / meeting.revised) on the study topic, applied in the study consumer's
 * transaction. Implemented by the meeting feature (which depends on the study record, not the other way round).
 */
public interface ExternalMeetings {
    /** Applies the meeting; throws {@link cn.partybuilding.contracts.InvalidEventException} with the dead-letter reason. */
    void absorb(CloudEvent event);
}
