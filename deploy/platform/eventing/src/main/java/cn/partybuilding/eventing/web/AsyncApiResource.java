package cn.partybuilding.eventing.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the event contract (AsyncAPI 3) of the whole system at {@code /asyncapi.yaml} on every service, so another
 * government system can read what a service publishes and consumes from the service itself.
 */
@Path("/asyncapi.yaml")
// "**": any signed-in caller; the published contract is not secret, but the application port has no anonymous operation
@RolesAllowed("**")
public class AsyncApiResource {
    private static final byte[] DOCUMENT = load();

    @GET
    @Produces("application/yaml")
    public byte[] document() {
        return DOCUMENT;
    }

    private static byte[] load() {
        try (InputStream in = AsyncApiResource.class.getClassLoader().getResourceAsStream("contracts/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("contracts/asyncapi.yaml missing from the contracts module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
