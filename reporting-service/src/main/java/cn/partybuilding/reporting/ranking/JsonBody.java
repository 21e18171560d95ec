package cn.partybuilding.reporting.ranking;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON response serialised once and served many times: the bytes, the same bytes gzip-compressed (sent when the client
 * accepts gzip: the compression is paid once per cached body, not per request) and a strong ETag from the content
 * ({@code If-None-Match} → 304).
 */
public record JsonBody(byte[] json, byte[] gzip, String tag) {

    public static JsonBody of(ObjectMapper mapper, Object value) {
        try {
            byte[] json = mapper.writeValueAsBytes(value);
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 6 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(json);
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return new JsonBody(json, out.toByteArray(), HexFormat.of().formatHex(digest, 0, 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 304 when If-None-Match names this content (either encoding), else 200 with the bytes in the encoding the client accepts. */
    public Response respond(HttpHeaders headers, String cacheControl) {
        boolean gzipped = acceptsGzip(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
        String etag = "\"" + tag + (gzipped ? "-gz\"" : "\"");
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        Response.ResponseBuilder response;
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + tag) || ifNoneMatch.trim().equals("*"))) {
            response = Response.notModified();
        } else {
            response = Response.ok(gzipped ? gzip : json, MediaType.APPLICATION_JSON_TYPE);
            if (gzipped) {
                response.header("Content-Encoding", "gzip");
            }
        }
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] fields = part.trim().split(";");
            if (fields[0].trim().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < fields.length; i++) {
                    String q = fields[i].trim();
                    if (q.startsWith("q=") && Double.parseDouble(q.substring(2).trim()) == 0) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
