package cn.partybuilding.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The production realm, made from the tooling's realm file (deploy/tooling/identity/realm-county.json) so that the
 * two cannot drift apart: the same roles, clients, mappers and settings, less what is for demonstrations and tests.
 * <ul>
 *   <li>No people: only the clients' service-account users stay (the county's people are added in Keycloak itself,
 *       or come from its user federation); no demo password ships.</li>
 *   <li>No client with the password grant (directAccessGrantsEnabled: the demo command line's {@code county-cli}).</li>
 *   <li>Each client secret is {@code ${KC_SECRET_<CLIENT>}}, which Keycloak resolves from its environment on import
 *       (the Secret {@code keycloak-client-secrets}).</li>
 *   <li>The browser client's addresses are {@code ${WORKBENCH_URL}}, {@code ${ASSESSMENT_URL}},
 *       {@code ${NOTIFICATION_URL}} (the ConfigMap {@code county-settings}).</li>
 * </ul>
 */
final class ProductionRealm {
    static final List<String> ADDRESSES = List.of("WORKBENCH_URL", "ASSESSMENT_URL", "NOTIFICATION_URL");

    private ProductionRealm() {
    }

    static String secretVariable(String clientId) {
        return "KC_SECRET_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static ObjectNode from(JsonNode toolingRealm) {
        ObjectNode realm = toolingRealm.deepCopy();
        ArrayNode users = (ArrayNode) realm.path("users");
        for (Iterator<JsonNode> it = users.iterator(); it.hasNext(); ) {
            if (!it.next().has("serviceAccountClientId")) {
                it.remove();
            }
        }
        ArrayNode clients = (ArrayNode) realm.path("clients");
        for (Iterator<JsonNode> it = clients.iterator(); it.hasNext(); ) {
            if (it.next().path("directAccessGrantsEnabled").asBoolean(false)) {
                it.remove();
            }
        }
        for (JsonNode node : clients) {
            ObjectNode client = (ObjectNode) node;
            if (client.has("secret")) {
                client.put("secret", "${" + secretVariable(client.path("clientId").asText()) + "}");
            }
            if (client.path("publicClient").asBoolean(false) && client.path("standardFlowEnabled").asBoolean(false)) {
                ArrayNode redirects = client.putArray("redirectUris");
                ArrayNode origins = client.putArray("webOrigins");
                for (String address : ADDRESSES) {
                    redirects.add("${" + address + "}/*");
                    origins.add("${" + address + "}");
                }
                client.put("rootUrl", "${WORKBENCH_URL}");
            }
        }
        return realm;
    }
}
