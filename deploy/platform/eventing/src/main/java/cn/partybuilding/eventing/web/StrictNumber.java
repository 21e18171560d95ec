package cn.partybuilding.eventing.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;

/**
 * A number of a request body as the client wrote it, refused (400 naming the field) when it is not a JSON number (no
 * coercion of "80" or true), beyond the range of a double ({@code 1e400} would silently become infinity) or a negative
 * zero ({@code -0}, which Jackson reads as 0 for an integer and the sign of which would otherwise pass a {@code < 0}
 * check): each of these is a defect of the client worth seeing, not a score. Put it on a {@code Double} of a request
 * type: {@code @JsonDeserialize(using = StrictNumber.class) Double score} (or {@code contentUsing} for the values of a
 * map); the refusal becomes the platform's 400 naming the field ({@link ProblemMappers#unreadable}).
 */
public class StrictNumber extends StdDeserializer<Double> {
    public StrictNumber() {
        super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            return (Double) context.handleUnexpectedToken(Double.class, parser);
        }
        String text = parser.getText();
        double value = parser.getDoubleValue();
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            throw InvalidFormatException.from(parser, "数值超出范围", text, Double.class);
        }
        if (value == 0 && text.startsWith("-")) {
            throw InvalidFormatException.from(parser, "-0 不是有效的数值", text, Double.class);
        }
        return value;
    }
}
