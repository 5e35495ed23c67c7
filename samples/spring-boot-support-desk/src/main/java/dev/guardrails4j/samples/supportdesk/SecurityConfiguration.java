package dev.guardrails4j.samples.supportdesk;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Users and roles. The Guardrails4j starter reads the signed-in user from Spring Security: the
 * subject is the user name and the roles are the authorities without {@code ROLE_}, which is what
 * {@code match.user.roles} in {@code guardrails.yaml} compares with.
 *
 * <p>Demo users (HTTP Basic, password = user name): alice and bob are support analysts, ivan is a
 * support intern, lena is the support lead who may read the Actuator endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /** Creates the configuration. */
  public SecurityConfiguration() {}

  /**
   * The filter chain: HTTP Basic, no sessions, health open to all, the rest of Actuator to the lead.
   *
   * @param http the security builder
   * @return the chain
   * @throws Exception if Spring Security cannot build it
   */
  @Bean
  public SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(a -> a
            // error pages of requests that were already authorised (a 415 for a multipart prompt)
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(EndpointRequest.to("health")).permitAll()
            .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("support-lead")
            .requestMatchers("/api/**").hasAnyRole("support-analyst", "support-intern", "support-lead")
            .anyRequest().denyAll())
        .httpBasic(Customizer.withDefaults())
        .csrf(c -> c.disable()) // a stateless API with Basic credentials, no cookies
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /**
   * The demo users.
   *
   * @return the user store
   */
  @Bean
  public UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}alice").roles("support-analyst").build(),
        User.withUsername("bob").password("{noop}bob").roles("support-analyst").build(),
        User.withUsername("ivan").password("{noop}ivan").roles("support-intern").build(),
        User.withUsername("lena").password("{noop}lena").roles("support-lead").build());
  }
}
