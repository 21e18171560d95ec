package cn.partybuilding.reporting.ranking;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A JSON response serialised once and served many times: the same bytes gzip-compressed (sent when the client accepts
 * gzip: the compression is paid once per cached body, not per request), the plain bytes where they are kept, and a strong
 * ETag from the content ({@code If-None-Match} → 304).
 */
public final class JsonBody {
    private final byte[] json;
    private final byte[] gzip;
    private final String tag;

    private JsonBody(byte[] json, byte[] gzip, String tag) {
        this.json = json;
        this.gzip = gzip;
        this.tag = tag;
    }

    /** Both encodings kept: for the few bodies requested most (a published ranking), whatever the client accepts. */
    public static JsonBody of(ObjectMapper mapper, Object value) {
        try {
            byte[] json = mapper.writeValueAsBytes(value);
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 6 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(json);
            }
            return new JsonBody(json, out.toByteArray(), tag(sha256().digest(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Only the compressed bytes kept, serialised straight into the compressor: for the many bodies held at once (a
     * thousand units' scorecards of ~60 KB each are ~10 KB each compressed; keeping both held ~70 MB of reporting-service's
     * 160 MB heap and ran it out of memory while a 1,000-unit month was ingested). A client that does not accept gzip gets
     * them decompressed on its request.
     */
    public static JsonBody compressed(ObjectMapper mapper, Object value) {
        try {
            MessageDigest digest = sha256();
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            try (DigestOutputStream plain = new DigestOutputStream(new GZIPOutputStream(out), digest)) {
                mapper.writeValue(plain, value);
            }
            return new JsonBody(null, out.toByteArray(), tag(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain JSON bytes (decompressed when only the compressed ones are kept). */
    public byte[] json() {
        if (json != null) {
            return json;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] gzip() {
        return gzip;
    }

    public String tag() {
        return tag;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tag(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, 16);
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
            response = Response.ok(gzipped ? gzip : json(), MediaType.APPLICATION_JSON_TYPE);
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
