package cn.partybuilding.local;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny SMTP server for tests, the benchmark and the local stack: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT.
 * It keeps the last {@code keep} messages it accepted (all for tests), with headers unfolded, RFC 2047 subjects decoded
 * and the body transfer-decoded, and counts every one. notification-service then sends its e-mail over a real SMTP
 * conversation; Quarkus' mock mailer, used before in the benchmark and the local stack, kept every e-mail in the
 * service's own heap (a 1,000-unit month's ~13,000 notices raised notification-service's RSS by ~100 MB).
 */
public final class SmtpServer implements AutoCloseable {
    public record Message(String from, List<String> recipients, Map<String, String> headers, String subject, String body) {
    }

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([QqBb])\\?([^?]*)\\?=");
    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

    private final ServerSocket server;
    private final java.util.Deque<Message> messages = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    private final int keep;
    private final List<String> dialogue = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Keeps every message (tests). */
    public SmtpServer() throws IOException {
        this(Integer.MAX_VALUE);
    }

    /** Keeps the last {@code keep} messages; counts all. */
    public SmtpServer(int keep) throws IOException {
        this.keep = keep;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "test-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** Points a service's mailer (quarkus-mailer) at {@code sink}: plain SMTP on the loopback, no sign-in. */
    public static void sendTo(ServiceProcess service, SmtpServer sink) {
        service.property("quarkus.mailer.mock", "false")
                .property("quarkus.mailer.host", "127.0.0.1")
                .property("quarkus.mailer.port", String.valueOf(sink.port()))
                .property("quarkus.mailer.start-tls", "DISABLED")
                .property("quarkus.mailer.login", "DISABLED");
    }

    /** Messages accepted since the start, including those no longer kept. */
    public long accepted() {
        return accepted.get();
    }

    public List<Message> to(String address) {
        return messages.stream().filter(m -> m.recipients().contains(address)).toList();
    }

    /** Commands the server received (for diagnosing a failed conversation). */
    public List<String> dialogue() {
        return List.copyOf(dialogue);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> converse(socket), "test-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    dialogue.add("accept failed: " + e);
                }
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 localhost test ESMTP ready");
            String from = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (keep == Integer.MAX_VALUE) {
                    dialogue.add(line); // a test's conversation, for diagnosis; a long-running sink keeps none
                }
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-localhost greets you\r\n250-8BITMIME\r\n250 SIZE 10485760");
                } else if (upper.startsWith("HELO")) {
                    reply(out, "250 localhost");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = address(line.substring(10));
                    recipients = new ArrayList<>();
                    reply(out, "250 2.1.0 OK");
                } else if (upper.startsWith("RCPT TO:")) {
                    recipients.add(address(line.substring(8)));
                    reply(out, "250 2.1.5 OK");
                } else if (upper.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\n");
                    }
                    accepted.incrementAndGet();
                    if (keep > 0) {
                        messages.addLast(parse(from, List.copyOf(recipients), data.toString()));
                        while (messages.size() > keep) {
                            messages.pollFirst();
                        }
                    }
                    reply(out, "250 2.0.0 OK queued");
                } else if (upper.equals("RSET")) {
                    from = null;
                    recipients = new ArrayList<>();
                    reply(out, "250 OK");
                } else if (upper.equals("NOOP")) {
                    reply(out, "250 OK");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Command not implemented");
                }
            }
        } catch (IOException e) {
            if (!closed) {
                dialogue.add("session failed: " + e);
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String address(String text) {
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? m.group(1) : text.trim();
    }

    /** Splits headers from body (raw ISO-8859-1 octets), unfolds headers, decodes subject and body. */
    public static Message parse(String from, List<String> recipients, String raw) {
        int split = raw.indexOf("\n\n");
        String head = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 2);
        Map<String, String> headers = new LinkedHashMap<>();
        String current = null;
        for (String line : head.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                headers.put(current, headers.get(current) + " " + line.trim());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    current = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    headers.put(current, line.substring(colon + 1).trim());
                }
            }
        }
        String subject = decodeWords(headers.getOrDefault("subject", ""));
        String encoding = headers.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT);
        Charset charset = charset(headers.getOrDefault("content-type", ""));
        byte[] octets;
        if (encoding.contains("base64")) {
            octets = Base64.getMimeDecoder().decode(body.replace("\n", ""));
        } else if (encoding.contains("quoted-printable")) {
            octets = quotedPrintable(body);
        } else {
            octets = body.getBytes(StandardCharsets.ISO_8859_1);
        }
        return new Message(from, recipients, headers, subject, new String(octets, charset));
    }

    private static Charset charset(String contentType) {
        Matcher m = Pattern.compile("charset=\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE).matcher(contentType);
        return m.find() ? Charset.forName(m.group(1)) : StandardCharsets.UTF_8;
    }

    /** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=); whitespace between adjacent words is dropped. */
    static String decodeWords(String value) {
        String joined = value.replaceAll("\\?=\\s+=\\?", "?==?");
        Matcher m = ENCODED_WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        int last = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        while (m.find()) {
            String between = joined.substring(last, m.start());
            if (!between.isEmpty()) {
                if (pendingCharset != null) {
                    out.append(pending.toString(pendingCharset));
                    pending.reset();
                    pendingCharset = null;
                }
                out.append(new String(between.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
            Charset cs = Charset.forName(m.group(1));
            if (pendingCharset != null && !pendingCharset.equals(cs)) {
                out.append(pending.toString(pendingCharset));
                pending.reset();
            }
            pendingCharset = cs;
            byte[] bytes = m.group(2).equalsIgnoreCase("B")
                    ? Base64.getDecoder().decode(m.group(3))
                    : quotedPrintable(m.group(3).replace('_', ' '));
            pending.writeBytes(bytes);
            last = m.end();
        }
        if (pendingCharset != null) {
            out.append(pending.toString(pendingCharset));
        }
        out.append(new String(joined.substring(last).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        return out.toString();
    }

    static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String unfolded = text.replace("=\r\n", "").replace("=\n", "");
        for (int i = 0; i < unfolded.length(); i++) {
            char c = unfolded.charAt(i);
            if (c == '=' && isHex(unfolded, i + 1)) {
                out.write(Integer.parseInt(unfolded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write((byte) c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String s, int at) {
        return at + 1 < s.length() && Character.digit(s.charAt(at), 16) >= 0 && Character.digit(s.charAt(at + 1), 16) >= 0;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
