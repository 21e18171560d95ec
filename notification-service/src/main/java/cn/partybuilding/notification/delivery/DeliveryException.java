package cn.partybuilding.notification.delivery;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;

import java.util.List;

/** A resend the delivery rules refuse (answered as problem+json by the platform). */
public class DeliveryException extends ProblemException {
    private DeliveryException(int status, String title, String detail, List<Violation> violations) {
        super(status, title, detail, violations);
    }

    /** 404: an unknown channel, or one the notice does not go out on (e.g. no e-mail address). */
    public static DeliveryException noSuchDelivery(String noticeId, String channel) {
        return new DeliveryException(404, "Delivery not found",
                "通知 " + noticeId + " 没有通过渠道 " + channel + " 的投递（渠道只能是 EMAIL 或 WEBHOOK，且须为该通知的投递渠道）",
                List.of(new Violation("channel", "no delivery of this notice on this channel")));
    }

    /** 409: only a delivery that gave up (FAILED) can be resent. */
    public static DeliveryException notFailed(Delivery d) {
        String state = d.status == Delivery.Status.SENT ? "已发送（" + d.sentAt + "）" : "正在发送或等待重试";
        return new DeliveryException(409, "Delivery not failed",
                "该通知通过渠道 " + d.channel + " 的投递" + state + "，只有发送失败的投递才能重新发送",
                List.of(new Violation("channel", "delivery is " + d.status + ", not FAILED")));
    }
}
