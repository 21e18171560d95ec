package cn.partybuilding.assessment.common;

import cn.partybuilding.eventing.web.PlainText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every string of a REST request body is text without control characters (the platform's {@link PlainText#isText}): a NUL or an
 * escape sequence in any field is refused as a 400 naming the field (the platform's unreadable-body problem), before a
 * service sees it. The field rules check the same for what does not come as JSON (the roster CSV).
 */
@Singleton
public class PlainTextJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("plain-text").addDeserializer(String.class, new PlainStrings()));
    }

    static final class PlainStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (!PlainText.isText(value)) {
                throw JsonMappingException.from(parser, PlainText.REASON);
            }
            return value;
        }
    }
}
