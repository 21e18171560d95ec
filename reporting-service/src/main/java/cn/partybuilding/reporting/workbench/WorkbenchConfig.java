package cn.partybuilding.reporting.workbench;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the workbench (the single-page app under {@code /}) finds the county's sign-in provider and the two services it
 * calls directly ({@code reporting.workbench.*}, environment {@code REPORTING_WORKBENCH_*}). reporting-service itself is
 * reached on the page's own origin. The defaults are the local stack's addresses; production sets the county's.
 */
@ConfigMapping(prefix = "reporting.workbench")
public interface WorkbenchConfig {
    /** The realm's issuer URL; the page reads its endpoints from {@code <issuer>/.well-known/openid-configuration}. */
    @WithDefault("http://127.0.0.1:8180/realms/county")
    String identityUrl();

    /** The OpenID Connect client the page signs in as (public, authorization code with PKCE S256). */
    @WithDefault("workbench")
    String clientId();

    /** Base URL of assessment-service as the browser reaches it (its CORS settings must allow this page's origin). */
    @WithDefault("http://127.0.0.1:8081")
    String assessmentUrl();

    /** Base URL of notification-service as the browser reaches it (its CORS settings must allow this page's origin). */
    @WithDefault("http://127.0.0.1:8083")
    String notificationUrl();
}
