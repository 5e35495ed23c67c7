package dev.guardrails4j.spring;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A {@code @Prompt} text as the user wrote it. A controller that binds a request body with
 * {@code @RequestBody String} receives a form-encoded body ({@code curl -d}, an HTML form) still
 * encoded: {@code jane%40example.com} would pass the PII check and reach the model. So when the
 * current request is {@code application/x-www-form-urlencoded} and the text is such a raw body
 * (only the characters an encoded body can hold, with at least one escape), it is decoded before
 * the checks, and the method receives the decoded, checked text. A raw {@code multipart/*} body
 * cannot be checked as text: the call is refused with {@code 415 Unsupported Media Type}. Values
 * Spring has already decoded ({@code @RequestParam}, JSON fields) hold spaces or other characters
 * an encoded body cannot, and pass unchanged. Outside a servlet request nothing changes.
 */
final class PromptBodies {

  private static final boolean SERVLET = ClassUtils.isPresent(
      "org.springframework.web.context.request.ServletRequestAttributes", PromptBodies.class.getClassLoader())
      && ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", PromptBodies.class.getClassLoader());

  /** Everything an application/x-www-form-urlencoded body may hold, and an escape or a '+' in it. */
  private static final Pattern ENCODED_BODY = Pattern.compile("[A-Za-z0-9*\\-._~%+=&!'()]*[%+][A-Za-z0-9*\\-._~%+=&!'()]*");

  private PromptBodies() {}

  /**
   * The text to check.
   *
   * @param text the {@code @Prompt} argument
   * @return the text, decoded when it is a raw form-encoded request body
   * @throws UnreadablePromptException (415) when it is a raw multipart body
   */
  static String asWritten(String text) {
    return SERVLET ? Servlet.asWritten(text) : text;
  }

  /** Loaded only where Spring Web and the Servlet API are present. */
  private static final class Servlet {

    static String asWritten(String text) {
      RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
      if (!(attributes instanceof ServletRequestAttributes servlet)) {
        return text;
      }
      String contentType = servlet.getRequest().getContentType();
      if (contentType == null) {
        return text;
      }
      MediaType type;
      try {
        type = MediaType.parseMediaType(contentType);
      } catch (InvalidMediaTypeException e) {
        return text;
      }
      if (MediaType.APPLICATION_FORM_URLENCODED.includes(type) && ENCODED_BODY.matcher(text).matches()) {
        Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
        try {
          return URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException e) {
          throw new UnreadablePromptException(HttpStatus.BAD_REQUEST,
              "the form-encoded body has a broken escape; send the prompt as text/plain or JSON");
        }
      }
      if ("multipart".equals(type.getType())) {
        String boundary = type.getParameter("boundary");
        if (boundary != null && text.contains("--" + boundary)) {
          throw new UnreadablePromptException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              "a multipart body cannot be checked as a prompt; send it as text/plain or JSON");
        }
      }
      return text;
    }
  }
}
