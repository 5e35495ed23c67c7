package dev.guardrails4j.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event at every level for one test ({@code @RegisterExtension final LogCapture
 * logs = new LogCapture();}), so tests can assert that nothing sensitive was logged. Lives in the
 * build-internal {@code guardrails-test-support} module: core's and the adapters' no-leak tests use
 * this one copy.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level rootLevel = Level.INFO;

  @Override
  public void beforeEach(ExtensionContext context) {
    rootLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    root.detachAppender(appender);
    root.setLevel(rootLevel);
  }

  /**
   * The events logged so far in this test.
   *
   * @return the events
   */
  public List<ILoggingEvent> events() {
    return appender.list;
  }
}
