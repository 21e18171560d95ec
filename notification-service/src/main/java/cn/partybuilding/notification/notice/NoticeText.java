package cn.partybuilding.notification.notice;

/**
 * Where an issued notice gets its wording (implemented by the template feature). Declared here, beside its input and
 * result, so that issuing depends on what it needs and the templates depend on the notice vocabulary, not both ways.
 */
public interface NoticeText {
    Rendered render(RenderInput in);
}
