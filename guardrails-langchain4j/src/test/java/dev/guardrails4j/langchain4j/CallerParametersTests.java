package dev.guardrails4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guardrails4j.api.User;
import dev.langchain4j.invocation.InvocationParameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallerParametersTests {

  @Test
  void readsAUserGivenAsAnObject() {
    User alice = User.builder("alice").roles("support").build();

    assertThat(CallerParameters.user(CallerParameters.of(alice))).isEqualTo(alice);
  }

  @Test
  void buildsAUserFromPlainEntries() {
    InvocationParameters p = InvocationParameters.from(Map.of(
        CallerParameters.USER, "alice",
        CallerParameters.TENANT, "acme",
        CallerParameters.ROLES, "support, billing",
        CallerParameters.GROUPS, List.of("emea")));

    User user = CallerParameters.user(p);

    assertThat(user.subject()).isEqualTo("alice");
    assertThat(user.tenant()).isEqualTo("acme");
    assertThat(user.roles()).containsExactlyInAnyOrder("support", "billing");
    assertThat(user.groups()).containsExactly("emea");
  }

  @Test
  void namesNoUserWithoutTheUserKey() {
    assertThat(CallerParameters.user(InvocationParameters.from(CallerParameters.ROLES, "support"))).isNull();
    assertThat(CallerParameters.user(null)).isNull();
  }

  @Test
  void readsTheAction() {
    InvocationParameters p = CallerParameters.of(User.of("alice"), "answer-customer");

    assertThat(CallerParameters.action(p)).isEqualTo("answer-customer");
  }

  @Test
  void rejectsAValueOfTheWrongTypeNamingTheKey() {
    InvocationParameters p = InvocationParameters.from(Map.of(CallerParameters.USER, "alice",
        CallerParameters.ROLES, 42));

    assertThatThrownBy(() -> CallerParameters.user(p))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("guardrails.roles");
  }
}
