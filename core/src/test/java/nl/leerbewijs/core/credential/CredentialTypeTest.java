package nl.leerbewijs.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CredentialTypeTest {

  @Test
  void vct_valuesAsDecided() {
    assertEquals("https://leerbewijs.nl/vct/microcredential", CredentialType.MICROCREDENTIAL.vct());
    assertEquals("https://leerbewijs.nl/vct/mbo-certificaat", CredentialType.MBO_CERTIFICAAT.vct());
    assertEquals(
        "https://leerbewijs.nl/vct/praktijkverklaring", CredentialType.PRAKTIJKVERKLARING.vct());
    assertEquals(
        "https://leerbewijs.nl/vct/evc-ervaringscertificaat",
        CredentialType.EVC_ERVARINGSCERTIFICAAT.vct());
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void fromVctAndFromId_roundTrip(CredentialType type) {
    assertEquals(Optional.of(type), CredentialType.fromVct(type.vct()));
    assertEquals(Optional.of(type), CredentialType.fromId(type.id()));
  }

  @ParameterizedTest
  @EnumSource(CredentialType.class)
  void resources_presentOnClasspath(CredentialType type) {
    ClassLoader loader = getClass().getClassLoader();
    assertNotNull(loader.getResource(type.schemaResource()), type.schemaResource());
    assertNotNull(loader.getResource(type.typeMetadataResource()), type.typeMetadataResource());
  }

  @Test
  void fromVct_unknownOrNearMiss_empty() {
    assertTrue(CredentialType.fromVct("https://leerbewijs.nl/vct/diploma").isEmpty());
    assertTrue(CredentialType.fromVct("https://leerbewijs.nl/vct/Microcredential").isEmpty());
    assertTrue(CredentialType.fromVct("https://leerbewijs.nl/vct/microcredential/").isEmpty());
    assertTrue(CredentialType.fromVct(null).isEmpty());
    assertTrue(CredentialType.fromId("MICROCREDENTIAL").isEmpty());
    assertTrue(CredentialType.fromId(null).isEmpty());
  }
}
