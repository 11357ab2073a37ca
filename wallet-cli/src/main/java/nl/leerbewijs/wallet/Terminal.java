package nl.leerbewijs.wallet;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The learner at the keyboard: secret prompts without echo and line prompts. {@link #system()} uses
 * {@link System#console()}; tests supply their own.
 */
public interface Terminal {

  /** Whether a person can be asked questions (a console is attached). */
  boolean interactive();

  /** Asks for a secret without echo; null at end of input. */
  char[] readSecret(String prompt);

  /** Asks for a line; null at end of input. */
  String readLine(String prompt);

  /** Whether standard output is a terminal (for colours). */
  default boolean ansi() {
    return interactive();
  }

  /** The real console, or a non-interactive terminal when there is none. */
  static Terminal system() {
    Console console = System.console();
    if (console == null) {
      return new Terminal() {
        private final BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public char[] readSecret(String prompt) {
          return null;
        }

        @Override
        public String readLine(String prompt) {
          try {
            return in.readLine();
          } catch (IOException e) {
            return null;
          }
        }
      };
    }
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public char[] readSecret(String prompt) {
        return console.readPassword("%s", prompt);
      }

      @Override
      public String readLine(String prompt) {
        return console.readLine("%s", prompt);
      }
    };
  }
}
