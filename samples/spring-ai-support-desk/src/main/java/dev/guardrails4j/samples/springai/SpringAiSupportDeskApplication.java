package dev.guardrails4j.samples.springai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the Spring AI support desk. */
@SpringBootApplication
public class SpringAiSupportDeskApplication {

  /**
   * Starts the application.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(SpringAiSupportDeskApplication.class, args);
  }
}
