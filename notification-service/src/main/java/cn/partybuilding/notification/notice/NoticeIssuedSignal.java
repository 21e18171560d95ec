package cn.partybuilding.notification.notice;

/** CDI event fired synchronously inside the issuing transaction; the delivery feature schedules its channels on it. */
public record NoticeIssuedSignal(Notice notice) {
}
