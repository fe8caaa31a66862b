package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Data-path tokens are stateless: any instance with the same secret, access tokens and database id verifies them. */
class DataPathTokensTest {

  private static final List<String> ACCESS_TOKENS = List.of("first-access-token", "second-access-token");
  private static final UUID DATABASE = UUID.fromString("6f1c3a52-9d7e-4b8a-8c2f-0e5d4a3b2c1d");
  private static final Duration TTL = Duration.ofMinutes(10);

  private static final byte[] SECRET = "a database's own secret, 32 bytes or more".getBytes(StandardCharsets.UTF_8);

  private final TestClock clock = new TestClock();

  private DataPathTokens tokens(List<String> accessTokens, UUID databaseId) {
    return new DataPathTokens(SECRET, accessTokens, databaseId, clock, TTL);
  }

  @Test
  void anotherSecretRefusesThem() {
    String token = tokens(ACCESS_TOKENS, DATABASE).issue().token();
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    assertThat(new DataPathTokens(other, ACCESS_TOKENS, DATABASE, clock, TTL).isValid(token)).isFalse();
  }

  /**
   * Whoever holds a token and guesses the access tokens cannot check a guess offline: the mac is
   * not a function of the access tokens and the (public) database id alone.
   */
  @Test
  void theAccessTokensAndTheDatabaseIdAloneDoNotReproduceTheMac() throws Exception {
    String token = tokens(ACCESS_TOKENS, DATABASE).issue().token();
    int dot = token.lastIndexOf('.');
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (String t : new TreeSet<>(ACCESS_TOKENS)) {
      byte[] b = t.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(4).putInt(b.length).array());
      digest.update(b);
    }
    byte[] tokensDigest = digest.digest();
    for (String label : List.of("dev.denokv.server data-path token key v1", "dev.denokv.server data-path token key v2")) {
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      byte[] context = ByteBuffer.allocate(l.length + 16).put(l)
          .putLong(DATABASE.getMostSignificantBits()).putLong(DATABASE.getLeastSignificantBits()).array();
      Mac outer = Mac.getInstance("HmacSHA256");
      outer.init(new SecretKeySpec(tokensDigest, "HmacSHA256"));
      Mac guess = Mac.getInstance("HmacSHA256");
      guess.init(new SecretKeySpec(outer.doFinal(context), "HmacSHA256"));
      String guessed = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(guess.doFinal(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII)));
      assertThat(guessed).isNotEqualTo(token.substring(dot + 1));
    }
  }

  @Test
  void tokensAreRandomDatedAndNeverShown() {
    DataPathTokens tokens = tokens(ACCESS_TOKENS, DATABASE);
    DataPathTokens.Issued a = tokens.issue();
    DataPathTokens.Issued b = tokens.issue();
    assertThat(a.token()).isNotEqualTo(b.token()).startsWith("v1.").hasSizeGreaterThanOrEqualTo(40);
    assertThat(a.token()).matches("v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    assertThat(a.token()).doesNotContain(ACCESS_TOKENS.get(0)).doesNotContain(ACCESS_TOKENS.get(1));
    assertThat(a.toString()).doesNotContain(a.token());
    assertThat(tokens.toString()).doesNotContain(a.token()).doesNotContain(ACCESS_TOKENS.get(0));
    assertThat(Duration.between(Instant.now(), a.expiresAt())).isBetween(Duration.ofMinutes(9), TTL);
    assertThat(tokens.isValid(a.token())).isTrue();
    assertThat(tokens.isValid(b.token())).isTrue();
  }

  @Test
  void anotherInstanceWithTheSameConfigurationAcceptsThem() {
    String token = tokens(ACCESS_TOKENS, DATABASE).issue().token();
    assertThat(tokens(ACCESS_TOKENS, DATABASE).isValid(token)).as("after a restart").isTrue();
    assertThat(tokens(List.of(ACCESS_TOKENS.get(1), ACCESS_TOKENS.get(0)), DATABASE).isValid(token))
        .as("access tokens configured in another order")
        .isTrue();
  }

  @Test
  void otherAccessTokensOrAnotherDatabaseRefuseThem() {
    String token = tokens(ACCESS_TOKENS, DATABASE).issue().token();
    assertThat(tokens(List.of("first-access-token"), DATABASE).isValid(token)).as("a token removed").isFalse();
    assertThat(tokens(List.of("first-access-token", "second-access-token", "third"), DATABASE).isValid(token))
        .as("a token added")
        .isFalse();
    assertThat(tokens(List.of("first-access-token", "second-access-tokeN"), DATABASE).isValid(token))
        .as("a token changed")
        .isFalse();
    assertThat(tokens(List.of("first-access-tokensecond-access-token"), DATABASE).isValid(token))
        .as("the tokens concatenated")
        .isFalse();
    assertThat(tokens(ACCESS_TOKENS, UUID.randomUUID()).isValid(token)).as("another database").isFalse();
  }

  @Test
  void expiredTokensAreRefused() {
    DataPathTokens tokens = tokens(ACCESS_TOKENS, DATABASE);
    String token = tokens.issue().token();
    clock.advance(TTL.minusSeconds(1));
    assertThat(tokens.isValid(token)).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.isValid(token)).isFalse();
    assertThat(tokens(ACCESS_TOKENS, DATABASE).isValid(token)).isFalse();
  }

  @Test
  void tamperedOrMalformedTokensAreRefused() {
    DataPathTokens tokens = tokens(ACCESS_TOKENS, DATABASE);
    String token = tokens.issue().token();
    String[] parts = token.split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
    ByteBuffer.wrap(payload).putLong(0, ByteBuffer.wrap(payload).getLong(0) + Duration.ofDays(1).toMillis());
    String extended = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2];
    String otherMac = tokens.issue().token().split("\\.")[2];

    assertThat(tokens.isValid(extended)).as("expiry moved").isFalse();
    assertThat(tokens.isValid(parts[0] + "." + parts[1] + "." + otherMac)).as("another token's mac").isFalse();
    assertThat(tokens.isValid(flipMiddleChar(token))).as("mac changed").isFalse();
    assertThat(tokens.isValid(parts[0] + "." + flipMiddleChar(parts[1]) + "." + parts[2])).as("payload changed").isFalse();
    assertThat(tokens.isValid("v2." + parts[1] + "." + parts[2])).as("another version").isFalse();
    assertThat(tokens.isValid(token + "A")).isFalse();
    assertThat(tokens.isValid(token.substring(0, token.length() - 1))).isFalse();
    assertThat(tokens.isValid(parts[0] + "." + parts[1])).isFalse();
    assertThat(tokens.isValid(parts[0] + ".." + parts[2])).isFalse();
    assertThat(tokens.isValid(parts[0] + "." + parts[1] + ".!!!")).isFalse();
    assertThat(tokens.isValid("v1.")).isFalse();
    assertThat(tokens.isValid("")).isFalse();
    assertThat(tokens.isValid(ACCESS_TOKENS.get(0))).isFalse();
    assertThat(tokens.isValid(token)).isTrue();
  }

  @Test
  void tokensLastingLongerThanTheConfiguredLifetimeAreRefused() {
    String longLived = new DataPathTokens(SECRET, ACCESS_TOKENS, DATABASE, clock, Duration.ofDays(1)).issue().token();
    assertThat(tokens(ACCESS_TOKENS, DATABASE).isValid(longLived)).isFalse();
  }

  private static String flipMiddleChar(String s) {
    int i = s.length() / 2;
    return s.substring(0, i) + (s.charAt(i) == 'A' ? 'B' : 'A') + s.substring(i + 1);
  }
}
