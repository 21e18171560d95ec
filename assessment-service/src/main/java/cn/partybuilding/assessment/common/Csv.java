package cn.partybuilding.assessment.common;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: comma separated, double-quoted fields with "" escapes, CRLF or LF, optional BOM. */
public final class Csv {
    private Csv() {
    }

    /** Lines of fields; blank lines are kept as empty lists so line numbers stay true. */
    public static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(endLine(fields, field, any));
                fields = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            lines.add(endLine(fields, field, true));
        }
        return lines;
    }

    private static List<String> endLine(List<String> fields, StringBuilder field, boolean any) {
        if (any) {
            fields.add(field.toString().trim());
        }
        field.setLength(0);
        return fields;
    }
}
