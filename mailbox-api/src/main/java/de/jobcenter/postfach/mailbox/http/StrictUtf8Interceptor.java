package de.jobcenter.postfach.mailbox.http;

import de.jobcenter.postfach.kit.problem.CommonProblems;
import de.jobcenter.postfach.kit.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * JSON request bodies must be well-formed UTF-8 (RFC 8259). Jackson decodes some invalid sequences leniently (an
 * overlong "/" becomes "/"), so every body is checked with the JDK's strict decoder before it is parsed; a body
 * declared in another charset is refused as an unsupported media type. Bodies are at most 64 KiB
 * ({@link RequestSizeLimit}), so checking them in memory is cheap.
 */
@Provider
public class StrictUtf8Interceptor implements ReaderInterceptor {
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("utf8")) {
            throw new ProblemException(CommonProblems.UNSUPPORTED_MEDIA_TYPE, "JSON bitte in UTF-8 senden.");
        }
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ProblemException(CommonProblems.MALFORMED_REQUEST, "Der Inhalt ist kein gültiges UTF-8.");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
