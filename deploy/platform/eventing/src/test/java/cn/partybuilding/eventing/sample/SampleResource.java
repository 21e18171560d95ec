package cn.partybuilding.eventing.sample;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** A write as services make them: two rows in one transaction (both or neither). */
@Path("/samples")
public class SampleResource {
    @Inject
    AgroalDataSource dataSource;

    @POST
    @Transactional
    public Response create(Map<String, String> body) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into sample_note (label) values (?)")) {
            insert.setString(1, body.getOrDefault("label", "x"));
            insert.executeUpdate();
            insert.setString(1, body.getOrDefault("label", "x") + "2");
            insert.executeUpdate();
        }
        return Response.status(201).build();
    }
}
