package dev.guardrails4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code guardrails schema}: prints the JSON Schema of policy files, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Prints the JSON Schema of policy files (draft 2020-12), for editors:",
        "  guardrails schema > policy.schema.json"})
final class SchemaCommand implements Callable<Integer> {

  static final String RESOURCE = "/dev/guardrails4j/policy.schema.json";

  private final Main.Io io;

  SchemaCommand(Main.Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        io.err().println("guardrails schema: " + RESOURCE + " is missing from the class path");
        return 1;
      }
      in.transferTo(io.out());
      io.out().flush();
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
