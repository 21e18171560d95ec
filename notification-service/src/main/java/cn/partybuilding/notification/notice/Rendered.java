package cn.partybuilding.notification.notice;

/** A rendered notice: its title (e-mail subject), the body, and the whole document as printed. */
public record Rendered(String title, String body, String document) {
}
