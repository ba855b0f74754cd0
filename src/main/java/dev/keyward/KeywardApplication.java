package dev.keyward;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Keyward: governed access to cryptographic keys. */
@Modulithic(systemName = "Keyward")
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KeywardApplication {

    public static void main(String[] args) {
        SpringApplication.run(KeywardApplication.class, args);
    }

    /** Wherever time matters it comes from this clock, so tests move time instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
