package cn.partybuilding.local;

import cn.partybuilding.contracts.CloudEventCodec;
import cn.partybuilding.identity.TokenClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo county's 2026 述职评议 and 公开承诺 (issue 16.5), entered over reporting-service's REST API as the people would:
 * the committee names the panel (reviewer-1 … reviewer-5 of the realm), each reviewer scores every unit of the published
 * October, and the committee records three pledges for each of the first ten units with their fulfilment. The scores are
 * deterministic (a unit's quality shows in all five reviewers' scores, spread by a few points), so the year page shows
 * trimmed means. Skipped when the year already has a panel (a second run of the stack).
 */
final class DemoDebriefs {
    static final String YEAR = "2026";
    static final String[][] PLEDGES = {
            {"全年开展主题党日活动不少于12次", "FULFILLED", "12次活动记录及照片"},
            {"党员干部每季度开展一次“进企业、解难题”志愿服务", "IN_PROGRESS", "已开展3次"},
            {"年底前建成标准化党员活动室", "NOT_FULFILLED", null}};

    private DemoDebriefs() {
    }

    static void enter(String reportingUrl, TokenClient tokens) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            String admin = tokens.person("committee-admin").authorization();
            JsonNode debriefs = send(http, admin, "GET", reportingUrl + "/years/" + YEAR + "/debriefs", null);
            if (debriefs.path("reviewers").size() > 0) {
                System.out.println("演示县 " + YEAR + " 述职评议: 早已录入 (already entered)");
                return;
            }
            JsonNode october = send(http, admin, "GET", reportingUrl + "/rankings/" + YEAR + "-10/published", null);
            List<String> units = new ArrayList<>();
            october.path("entries").forEach(e -> units.add(e.path("unitCode").asText()));
            october.path("notSubmitted").forEach(e -> units.add(e.path("unitCode").asText()));
            List<String> panel = List.of("reviewer-1", "reviewer-2", "reviewer-3", "reviewer-4", "reviewer-5");
            send(http, admin, "PUT", reportingUrl + "/years/" + YEAR + "/debrief-panel",
                    CloudEventCodec.MAPPER.writeValueAsString(java.util.Map.of("reviewers", panel)));
            for (int r = 0; r < panel.size(); r++) {
                String reviewer = tokens.person(panel.get(r)).authorization();
                for (int u = 0; u < units.size(); u++) {
                    // 95 for the first unit down to about 70 for the last, each reviewer a few points apart
                    double score = Math.max(60, Math.min(100, 95 - 25.0 * u / Math.max(1, units.size() - 1) + ((r * 7 + u * 3) % 9) - 4));
                    send(http, reviewer, "PUT", reportingUrl + "/years/" + YEAR + "/debrief-reviews/" + units.get(u),
                            "{\"score\":" + Math.round(score) + "}");
                }
            }
            for (String unit : units.subList(0, Math.min(10, units.size()))) {
                List<java.util.Map<String, Object>> pledges = new ArrayList<>();
                for (String[] p : PLEDGES) {
                    java.util.Map<String, Object> pledge = new java.util.LinkedHashMap<>();
                    pledge.put("content", p[0]);
                    pledge.put("status", p[1]);
                    pledge.put("evidence", p[2]);
                    pledges.add(pledge);
                }
                send(http, admin, "PUT", reportingUrl + "/years/" + YEAR + "/pledges/" + unit,
                        CloudEventCodec.MAPPER.writeValueAsString(java.util.Map.of("pledges", pledges)));
            }
            System.out.println("演示县 " + YEAR + " 述职评议: 评议组 " + panel.size() + " 人，" + units.size() + " 个单位已评分，前 "
                    + Math.min(10, units.size()) + " 个单位录入了公开承诺");
        } catch (IOException | RuntimeException e) {
            System.out.println("演示县述职评议未能录入 (debriefs not entered): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode send(HttpClient http, String authorization, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + " " + response.body());
        }
        return CloudEventCodec.MAPPER.readTree(response.body());
    }
}
