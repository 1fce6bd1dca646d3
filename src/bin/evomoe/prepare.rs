//! Progress of data preparation (training a tokenizer, encoding a text): a byte bar per split
//! on a terminal, the notes always, on stderr.

use std::io::IsTerminal;

use evomoe::tokens::Prepare;

/// A [`Prepare`] that draws a bar on a terminal.
#[derive(Default)]
pub struct Bars {
    bar: Option<(String, indicatif::ProgressBar)>,
}

impl Prepare for Bars {
    fn progress(&mut self, what: &str, done: usize, total: usize) {
        if !std::io::stderr().is_terminal() {
            return;
        }
        if self.bar.as_ref().is_none_or(|(w, _)| w != what) {
            self.finish();
            let bar = indicatif::ProgressBar::new(total as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(&format!(
                    "encoding {what} {{bar:30}} {{bytes}}/{{total_bytes}} [{{elapsed_precise}} < \
                     {{eta_precise}}]"
                ))
                .expect("a valid template"),
            );
            self.bar = Some((what.to_string(), bar));
        }
        if let Some((_, b)) = &self.bar {
            b.set_position(done as u64);
        }
    }

    fn note(&mut self, text: &str) {
        self.finish();
        eprintln!("{text}");
    }
}

impl Bars {
    fn finish(&mut self) {
        if let Some((_, b)) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        self.finish();
    }
}
