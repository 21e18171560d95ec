package cn.partybuilding.assessment.organisation;

import cn.partybuilding.eventing.web.ProblemException;
import cn.partybuilding.security.Caller;
import cn.partybuilding.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisation", description = "单位、党组织、党员名册")
public class OrganisationResource {
    @Inject
    OrganisationService service;

    @Inject
    MemberImportService imports;

    @Inject
    Caller caller;

    public record OrganizationNode(String organizationId, String parentId, PartyOrganization.Kind kind, String name,
                                   List<OrganizationNode> children) {
    }

    @POST
    @Path("units")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Register a unit (单位)")
    public Response registerUnit(UnitView in) {
        UnitView out = service.registerUnit(in);
        return Response.created(URI.create("/units/" + out.unitCode())).entity(out).build();
    }

    @PUT
    @Path("units/{unitCode}")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Rename or recategorise a unit")
    public UnitView updateUnit(@PathParam("unitCode") String unitCode, UnitView in) {
        return service.updateUnit(unitCode, in);
    }

    @GET
    @Path("units")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "The units the caller may see (a unit secretary: its own)")
    public List<UnitView> units() {
        return service.units().stream().filter(u -> caller.mayAccessUnit(u.unitCode)).map(UnitView::of).toList();
    }

    @GET
    @Path("units/{unitCode}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public UnitView unit(@PathParam("unitCode") String unitCode) {
        return UnitView.of(visibleUnit(unitCode));
    }

    /** The unit of a path, or 404; another unit's answers as an unknown one (unit isolation). */
    private Unit visibleUnit(String unitCode) {
        if (!caller.mayAccessUnit(unitCode)) {
            throw ProblemException.notFound("unitCode", "未知单位: " + unitCode);
        }
        return service.requireUnitInPath(unitCode);
    }

    @GET
    @Path("units/{unitCode}/organizations")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "The unit's party organisation tree (机关党委 → 党总支 → 党支部 → 党小组)")
    public List<OrganizationNode> tree(@PathParam("unitCode") String unitCode) {
        visibleUnit(unitCode);
        List<PartyOrganization> all = service.organizations(unitCode);
        Map<String, List<PartyOrganization>> byParent = new HashMap<>();
        all.forEach(o -> byParent.computeIfAbsent(o.parentId, k -> new ArrayList<>()).add(o));
        return node(byParent, null);
    }

    private static List<OrganizationNode> node(Map<String, List<PartyOrganization>> byParent, String parentId) {
        return byParent.getOrDefault(parentId, List.of()).stream()
                .map(o -> new OrganizationNode(o.organizationId, o.parentId, o.kind, o.name, node(byParent, o.organizationId)))
                .toList();
    }

    @POST
    @Path("organizations")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Register a party organisation under its unit (and parent)")
    public Response registerOrganization(OrganizationView in) {
        OrganizationView out = service.registerOrganization(in);
        return Response.created(URI.create("/organizations/" + out.organizationId())).entity(out).build();
    }

    @GET
    @Path("organizations/{id}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public OrganizationView organization(@PathParam("id") String id) {
        PartyOrganization org = PartyOrganization.findById(id);
        if (org == null || !caller.mayAccessUnit(org.unitCode)) {
            throw ProblemException.notFound("organizationId", "未知党组织: " + id);
        }
        return OrganizationView.of(org);
    }

    @POST
    @Path("members")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Register a member (党员), a member from effectiveFrom (default: today in the county's zone); revision 1")
    public Response registerMember(MemberState in) {
        MemberState out = service.registerMember(in);
        return Response.created(URI.create("/members/" + out.memberId())).entity(out).build();
    }

    @PUT
    @Path("members/{memberId}")
    @RolesAllowed(Roles.COMMITTEE_ADMIN)
    @Operation(summary = "Replace a member's facts (active=false when the member left, another unitCode/organizationId when moved) from effectiveFrom (default: today in the county's zone; not in the future, not before the member's last change); each change is the next revision")
    public MemberState updateMember(@PathParam("memberId") String memberId, MemberState in) {
        return service.updateMember(memberId, in);
    }

    @GET
    @Path("members/{memberId}")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    public MemberState member(@PathParam("memberId") String memberId) {
        Member member = Member.findById(memberId);
        if (member == null || !caller.mayAccessUnit(member.unitCode)) {
            throw ProblemException.notFound("memberId", "未知党员: " + memberId);
        }
        return MemberState.of(member);
    }

    @GET
    @Path("members")
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.ASSESSOR, Roles.AUDITOR, Roles.UNIT_SECRETARY})
    @Operation(summary = "List members, filtered by unit, organisation, rank, role, active (a unit secretary: its own unit's only)")
    public List<MemberState> members(@QueryParam("unitCode") String unitCode, @QueryParam("organizationId") String organizationId,
                                     @QueryParam("rank") Member.Rank rank, @QueryParam("role") Member.Role role,
                                     @QueryParam("active") Boolean active) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        if (unitCode != null) {
            where.add("unitCode = :unitCode");
            params.put("unitCode", unitCode);
        }
        if (organizationId != null) {
            where.add("organizationId = :organizationId");
            params.put("organizationId", organizationId);
        }
        if (rank != null) {
            where.add("rank = :rank");
            params.put("rank", rank);
        }
        if (role != null) {
            where.add("role = :role");
            params.put("role", role);
        }
        if (active != null) {
            where.add("active = :active");
            params.put("active", active);
        }
        caller.visibleUnits().ifPresent(units -> {
            where.add("unitCode in :visibleUnits");
            params.put("visibleUnits", units.isEmpty() ? List.of("") : units);
        });
        String query = (where.isEmpty() ? "1 = 1" : String.join(" and ", where)) + " order by memberId";
        return Member.<Member>find(query, params).stream().map(MemberState::of).toList();
    }

    @POST
    @Path("members/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.COMMITTEE_ADMIN, Roles.UNIT_SECRETARY})
    @Operation(summary = "Import a member roster from CSV (UTF-8 unless the Content-Type names a charset such as GBK; bytes invalid in it are refused), all or nothing; refuses with every row error; absent optional columns keep known members' values. A unit secretary imports its own unit's members only (another unit's code is an unknown unit)")
    public MemberImportService.ImportResult importMembers(byte[] csv, @jakarta.ws.rs.HeaderParam("Content-Type") MediaType type) {
        String charset = type == null ? null : type.getParameters().get("charset");
        return imports.importCsv(MemberCsv.decode(csv, charset), caller::mayAccessUnit);
    }
}
