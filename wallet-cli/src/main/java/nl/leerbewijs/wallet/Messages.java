package nl.leerbewijs.wallet;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The wallet's texts in plain Dutch (default) or English, from {@code messages_nl.properties} and
 * {@code messages_en.properties}. Values are {@link MessageFormat} patterns.
 */
public final class Messages {

  public static final String BUNDLE = "nl.leerbewijs.wallet.messages";
  public static final Locale DUTCH = Locale.forLanguageTag("nl");
  public static final Locale ENGLISH = Locale.ENGLISH;

  private final Locale locale;
  private final ResourceBundle bundle;

  private Messages(Locale locale) {
    this.locale = locale;
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  public static Messages of(Locale locale) {
    return new Messages(ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : DUTCH);
  }

  /**
   * The language: {@code --lang} when given ({@code nl} or {@code en}), else English when the
   * environment's locale ({@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG}) is English, else
   * Dutch.
   */
  public static Locale choose(String langOption, Map<String, String> env) {
    if (langOption != null && !langOption.isBlank()) {
      return langOption.toLowerCase(Locale.ROOT).startsWith("en") ? ENGLISH : DUTCH;
    }
    for (String var : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        return v.toLowerCase(Locale.ROOT).startsWith("en") ? ENGLISH : DUTCH;
      }
    }
    return DUTCH;
  }

  public Locale locale() {
    return locale;
  }

  /** The language tag, {@code nl} or {@code en}. */
  public String language() {
    return locale.getLanguage();
  }

  public ResourceBundle bundle() {
    return bundle;
  }

  public String get(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      return key; // a missing text is a bug, but never a crash
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /**
   * A whole number written as {@link MessageFormat} writes a number argument in this language
   * ({@code 1.000} in Dutch, {@code 1,000} in English), to pass as a text argument. Below 1000 that
   * is only the digits, written here without {@link NumberFormat}: loading its locale data costs
   * some 5 ms of a short command's start.
   */
  public String number(long n) {
    return n >= 0 && n < 1000 ? Long.toString(n) : NumberFormat.getInstance(locale).format(n);
  }

  public boolean has(String key) {
    return bundle.containsKey(key);
  }
}
