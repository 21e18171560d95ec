package cn.partybuilding.security;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.eventing.web.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The audit trail of this service, newest first, for the committee and the auditors. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "审计 audit trail")
public class AuditResource {
    /** Dates without a time are days of the county (Beijing time). */
    static final ZoneId COUNTY_ZONE = ZoneId.of("Asia/Shanghai");

    public record Actor(String subject, String name, List<String> roles, String unitCode) {
    }

    public record Target(String type, String id) {
    }

    public record Entry(long id, Instant at, Actor actor, String action, Target target, String outcome, int status,
                        String requestId, JsonNode before, JsonNode after, String detail) {
    }

    public record Page(int page, int size, long total, List<Entry> items) {
    }

    @jakarta.inject.Inject
    AuditReader reader;

    @GET
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.AUDITOR})
    @Operation(summary = "审计记录 (分页): actor 为主体或姓名, target 为类型或 类型/编号, from/to 为日期或时刻")
    public Page list(@QueryParam("actor") String actor, @QueryParam("target") String target,
                     @QueryParam("from") String from, @QueryParam("to") String to,
                     @QueryParam("page") @DefaultValue("0") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000")) String page,
                     @QueryParam("size") @DefaultValue("50") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) String size) {
        List<Violation> violations = new ArrayList<>();
        Instant since = instant("from", from, false, violations);
        Instant until = instant("to", to, true, violations);
        // taken as text: an int parameter JAX-RS cannot convert (1e400, 1.5, x) would be answered 404 without a field
        int pageNumber = bounded("page", page, 0, 100_000, violations);
        int pageSize = bounded("size", size, 1, 500, violations);
        if (actor != null && actor.length() > 200) {
            violations.add(new Violation("actor", "过长"));
        }
        if (target != null && target.length() > 300) {
            violations.add(new Violation("target", "过长"));
        }
        if (since != null && until != null && until.isBefore(since)) {
            violations.add(new Violation("to", "不得早于 from"));
        }
        ProblemException.throwIfAny("查询条件无效", violations);
        return reader.page(blankToNull(actor), blankToNull(target), since, until, pageNumber, pageSize);
    }

    /** "2026-10-01" is that day's start (from) or the next day's start (to); "2026-10-01T08:00:00Z" is that instant. */
    static Instant instant(String field, String text, boolean end, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(COUNTY_ZONE).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "须为日期 (2026-10-01) 或时刻 (2026-10-01T08:00:00Z)"));
            return null;
        }
    }

    /** A whole number from {@code min} to {@code max}; anything else (1e400, -1, 1.5, text) is a violation of {@code field}. */
    static int bounded(String field, String text, int min, int max, List<Violation> violations) {
        String reason = "须为 " + min + " 至 " + max + " 的整数";
        if (text == null || !text.strip().matches("[0-9]{1,9}")) {
            violations.add(new Violation(field, reason));
            return min;
        }
        int value = Integer.parseInt(text.strip());
        if (value < min || value > max) {
            violations.add(new Violation(field, reason));
            return min;
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
