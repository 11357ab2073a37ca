package nl.leerbewijs.wallet;

import java.util.ArrayDeque;
import java.util.Deque;

/** A terminal for tests: interactive or not, with scripted answers. */
final class ScriptedTerminal implements Terminal {

  private final boolean interactive;
  private final Deque<String> answers = new ArrayDeque<>();
  final StringBuilder prompts = new StringBuilder();

  ScriptedTerminal(boolean interactive, String... answers) {
    this.interactive = interactive;
    for (String a : answers) {
      this.answers.add(a);
    }
  }

  @Override
  public boolean interactive() {
    return interactive;
  }

  @Override
  public boolean ansi() {
    return false;
  }

  @Override
  public char[] readSecret(String prompt) {
    prompts.append(prompt).append('\n');
    String a = answers.poll();
    return a == null ? null : a.toCharArray();
  }

  @Override
  public String readLine(String prompt) {
    prompts.append(prompt).append('\n');
    return answers.poll();
  }
}
