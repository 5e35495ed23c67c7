package dev.guardrails4j.samples.supportdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the support desk. */
@SpringBootApplication
public class SupportDeskApplication {

  /**
   * Runs the application.
   *
   * @param args command-line arguments, passed to Spring Boot
   */
  public static void main(String[] args) {
    SpringApplication.run(SupportDeskApplication.class, args);
  }
}
