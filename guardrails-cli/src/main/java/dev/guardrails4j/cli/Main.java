package dev.guardrails4j.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code java -jar guardrails-cli.jar}.
 *
 * <p>Exit codes: 0 success; 1 invalid policies ({@code validate}), failed cases ({@code test}) or
 * policies that cannot be loaded; 2 a usage error, or a {@code scan} input line that could not be
 * scanned.
 */
@Command(name = "guardrails", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Checks, tests and explains Guardrails4j policy files, and maps where AI runs from inventory events.",
    footer = {"", "Exit codes: 0 success; 1 invalid policies or failed tests; 2 usage error or a scan line that failed."})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Created by picocli. */
  Main() {}

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, System.in, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs the tool with the given streams.
   *
   * @param args the arguments
   * @param in standard input
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    Io io = new Io(in, out, err);
    CommandLine cl = new CommandLine(new Main())
        .addSubcommand(new ValidateCommand(io))
        .addSubcommand(new TestCommand(io))
        .addSubcommand(new ScanCommand(io))
        .addSubcommand(new ExplainCommand(io))
        .addSubcommand(new SchemaCommand(io))
        .addSubcommand(new InventoryCommand(io));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println("guardrails " + commandLine.getCommandName() + ": " + e.getMessage());
      return 1;
    });
    int code = cl.execute(args);
    out.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a command: validate, test, scan, explain, schema or inventory");
  }

  /** The streams a command reads and writes. */
  record Io(InputStream in, PrintStream out, PrintStream err) {}

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"guardrails " + (v == null ? "(development build)" : v)};
    }
  }
}
