package dev.guardrails4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class PromptBodiesTests {

  @AfterEach
  void clear() {
    RequestContextHolder.resetRequestAttributes();
  }

  static void request(String contentType) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/answers");
    request.setContentType(contentType);
    request.setContent("ignored".getBytes(StandardCharsets.UTF_8));
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
  }

  @Test
  void decodesARawFormEncodedBody() {
    request("application/x-www-form-urlencoded");

    assertThat(PromptBodies.asWritten("Mail+jane.doe%40example.com+about+order+%2342"))
        .isEqualTo("Mail jane.doe@example.com about order #42");
  }

  @Test
  void decodesWithTheCharsetTheRequestNames() {
    request("application/x-www-form-urlencoded; charset=ISO-8859-1");

    assertThat(PromptBodies.asWritten("caf%E9")).isEqualTo("caf\u00e9");
  }

  @Test
  void leavesTextSpringAlreadyDecodedAlone() {
    request("application/x-www-form-urlencoded");

    assertThat(PromptBodies.asWritten("100% sure, a+b is fine")).isEqualTo("100% sure, a+b is fine");
    assertThat(PromptBodies.asWritten("plain")).isEqualTo("plain");
  }

  @Test
  void leavesOtherContentTypesAndCallsOutsideARequestAlone() {
    request("text/plain");
    assertThat(PromptBodies.asWritten("jane.doe%40example.com")).isEqualTo("jane.doe%40example.com");
    RequestContextHolder.resetRequestAttributes();
    assertThat(PromptBodies.asWritten("jane.doe%40example.com")).isEqualTo("jane.doe%40example.com");
  }

  @Test
  void refusesARawMultipartBodyWith415() {
    request("multipart/form-data; boundary=b0undary");

    assertThatThrownBy(() -> PromptBodies.asWritten("--b0undary\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nhi\r\n--b0undary--"))
        .isInstanceOf(UnreadablePromptException.class)
        .satisfies(e -> assertThat(((UnreadablePromptException) e).getStatusCode().value()).isEqualTo(415))
        .hasMessageContaining("text/plain or JSON");
  }

  @Test
  void refusesABrokenEscapeWith400() {
    request("application/x-www-form-urlencoded");

    assertThatThrownBy(() -> PromptBodies.asWritten("abc%4"))
        .isInstanceOf(UnreadablePromptException.class)
        .satisfies(e -> assertThat(((UnreadablePromptException) e).getStatusCode().value()).isEqualTo(400));
  }

  @Test
  void answersAnUnreadablePromptWithAProblemDetail() {
    var r = new GuardrailsProblemDetails().handle(new UnreadablePromptException(
        org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send it as text/plain or JSON"));

    assertThat(r.getStatusCode().value()).isEqualTo(415);
    assertThat(r.getBody().getDetail()).isEqualTo("send it as text/plain or JSON");
    assertThat(r.getBody().getInstance()).hasToString("urn:guardrails4j:problem:unreadable-prompt");
  }
}
