package cn.partybuilding.notification.notice;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;

import java.util.List;

/** A request the notice rules refuse: an unknown notice, a second 签收 (answered as problem+json by the platform). */
public class NoticeException extends ProblemException {
    private NoticeException(int status, String title, String detail, List<Violation> violations) {
        super(status, title, detail, violations);
    }

    /** 404; held bulletins count as unknown until they are issued. */
    public static NoticeException notFound(String id) {
        return new NoticeException(404, "Notice not found", "通知 " + id + " 不存在",
                List.of(new Violation("id", "no notice with this id")));
    }

    /** 409; the detail says who signed for it and when. */
    public static NoticeException alreadyAcknowledged(Notice n) {
        return new NoticeException(409, "Notice already acknowledged",
                "通知 " + n.documentNumber + " 已于 " + n.acknowledgedAt + " 由 " + n.acknowledgedBy + " 签收，不能重复签收",
                List.of(new Violation("id", "already acknowledged")));
    }

    /** 409 when a 签收 kept losing races against other changes of the notice (the escalation job): nothing was written. */
    public static NoticeException concurrentlyChanged(String id) {
        return new NoticeException(409, "Notice changed concurrently",
                "通知 " + id + " 正在被其他操作更新，本次签收未保存，请稍后重试",
                List.of(new Violation("id", "changed concurrently, retry")));
    }
}
