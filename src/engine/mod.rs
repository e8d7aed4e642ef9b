//! The interview itself: a state machine that walks a session's plan over a `Console`.
//! Both consoles (terminal and piped) share every rule here: what is shown when, commands,
//! follow-ups, feedback, saving after every answer.

mod console;
mod piped;
mod screen;
mod timer;
mod tty;

use std::time::Instant;

use anyhow::{Context, Result};
use chrono::Utc;

pub use console::{Command, Console, Entry};
pub use piped::PipedConsole;
pub use screen::{Event, Pause, Style, mss};
pub use tty::TtyConsole;

use crate::pack::{Pack, Point, Question, StageId};
use crate::score::{AnswerInput, Assessment, Scorer, Status as PointStatus};
use crate::session::{Answer, Feedback, FollowUp, Session, SessionKind, Status, overtime};
use screen::StatusLine;

/// At most this many follow-ups per question.
const MAX_FOLLOW_UPS: usize = 2;

/// Scores one answer; the engine only needs this much of the scorer.
pub trait Assess {
    fn assess(&self, question: &Question, answer: &AnswerInput<'_>) -> Assessment;
}

impl Assess for Scorer {
    fn assess(&self, question: &Question, answer: &AnswerInput<'_>) -> Assessment {
        Scorer::assess(self, question, answer)
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every planned question was asked; the session is finished.
    Finished,
    /// The candidate quit; the session is saved and resumable.
    Quit,
    /// Input ended (end of the piped input); saved and resumable.
    InputEnded,
}

/// The states of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Opening: the checklist of a new loop.
    Begin,
    /// The break before the sitting that starts at this plan index.
    Break(usize),
    /// The header of the sitting (stage or team round) of this plan index.
    Intro {
        index: usize,
        resumed: bool,
    },
    /// Asking the planned question at this index.
    Ask(usize),
    Finish,
    Stop(Outcome),
}

/// What a reply at the prompt turned out to be.
enum Reply {
    Text(String),
    Skip(String),
    /// With the text typed so far, kept for `resume`.
    Quit(String),
    /// End of input, with the text typed so far.
    End(String),
}

/// What is being answered, to show it again on `:repeat`.
#[derive(Clone, Copy)]
enum Asked<'q> {
    Main {
        text: &'q str,
        status: &'q StatusLine,
    },
    FollowUp {
        text: &'q str,
    },
}

/// The context of one reply: the clock and budget of the question, its hint labels.
struct Turn<'q> {
    asked: Asked<'q>,
    started: Instant,
    limit_secs: Option<f64>,
    labels: &'q [&'q str],
}

pub struct Engine<'a> {
    pack: &'a Pack,
    assessor: &'a dyn Assess,
    console: &'a mut dyn Console,
    session: &'a mut Session,
    save: &'a mut dyn FnMut(&Session) -> Result<()>,
}

impl<'a> Engine<'a> {
    /// `save` is called with the session after every change worth keeping.
    pub fn new(
        pack: &'a Pack,
        assessor: &'a dyn Assess,
        console: &'a mut dyn Console,
        session: &'a mut Session,
        save: &'a mut dyn FnMut(&Session) -> Result<()>,
    ) -> Self {
        Engine {
            pack,
            assessor,
            console,
            session,
            save,
        }
    }

    /// Runs from the first unanswered planned question to the end, a quit or the end of input.
    pub fn run(mut self) -> Result<Outcome> {
        let mut state = State::Begin;
        loop {
            state = match state {
                State::Begin => self.begin()?,
                State::Break(index) => self.pause_before(index)?,
                State::Intro { index, resumed } => self.intro(index, resumed)?,
                State::Ask(index) => self.ask(index)?,
                State::Finish => self.finish()?,
                State::Stop(outcome) => return self.stop(outcome),
            };
        }
    }

    fn begin(&mut self) -> Result<State> {
        let Some(next) = self.session.next_index() else {
            return Ok(State::Finish);
        };
        // A session quit with text typed for its first question is resumed, not begun.
        let fresh = self.session.answers.is_empty() && self.session.draft.is_none();
        if self.session.kind == SessionKind::Loop && fresh {
            let items = &self.pack.checklists.before;
            if !items.is_empty() {
                self.console.show(&Event::Checklist { items })?;
            }
            if !self.console.pause(&Pause::Begin)? {
                return Ok(State::Stop(Outcome::Quit));
            }
        }
        Ok(State::Intro {
            index: next,
            resumed: !fresh,
        })
    }

    fn pause_before(&mut self, index: usize) -> Result<State> {
        let planned = &self.session.plan[index];
        let total = distinct_stages(&self.session.plan).len();
        let done = distinct_stages(&self.session.plan[..index])
            .into_iter()
            .filter(|s| *s != planned.stage)
            .count();
        let next = match (self.pack.stage(planned.stage), self.round_of(index)) {
            (Some(stage), Some((r, n))) => format!("{} (round {r}/{n})", stage.title),
            (Some(stage), None) => stage.title.clone(),
            (None, _) => planned.stage.to_string(),
        };
        if self.console.pause(&Pause::Break {
            done,
            total,
            next: &next,
        })? {
            Ok(State::Intro {
                index,
                resumed: false,
            })
        } else {
            Ok(State::Stop(Outcome::Quit))
        }
    }

    fn intro(&mut self, index: usize, resumed: bool) -> Result<State> {
        if self.session.kind == SessionKind::Drill {
            // A drill is one sitting across stages: each status line names its stage.
            self.console.show(&Event::Drill {
                questions: self.session.plan.len(),
                resumed,
            })?;
            return Ok(State::Ask(index));
        }
        let id = self.session.plan[index].stage;
        let stage = self
            .pack
            .stage(id)
            .with_context(|| format!("the pack has no stage `{id}`"))?;
        self.console.show(&Event::Stage {
            stage,
            round: self.round_of(index),
            resumed,
        })?;
        Ok(State::Ask(index))
    }

    /// Asks one planned question, its follow-ups, records and saves the answer.
    fn ask(&mut self, index: usize) -> Result<State> {
        let pack = self.pack;
        let planned = self.session.plan[index].clone();
        let question = pack.question(&planned.question_id).with_context(|| {
            format!(
                "the pack has no question `{}` (planned in this session)",
                planned.question_id
            )
        })?;
        let limit_secs = self.session.options.pace.limit_secs(question.minutes);
        let (position, count) = self.position_in_sitting(index);
        let status = StatusLine {
            stage: planned.stage,
            round: self.round_of(index),
            question: position,
            questions: count,
            limit_secs,
        };
        let labels: Vec<&str> = question.points.iter().map(|p| p.label.as_str()).collect();
        let asked = Asked::Main {
            text: &question.text,
            status: &status,
        };
        self.show_asked(asked, false)?;

        let started_at = Utc::now();
        let turn = Turn {
            asked,
            started: Instant::now(),
            limit_secs,
            labels: &labels,
        };
        let mut hinted = false;
        // Text typed before a `:quit` on this question comes back to be continued.
        let draft = self.session.draft.take().unwrap_or_default();
        self.console.start_timer(limit_secs);
        let reply = self.reply(&turn, &mut hinted, draft);
        self.console.stop_timer();
        let elapsed_secs = turn.started.elapsed().as_secs_f64();

        let mut answer = Answer {
            question_id: question.id.clone(),
            stage: planned.stage,
            round: planned.round,
            question: question.text.clone(),
            text: String::new(),
            follow_ups: Vec::new(),
            started_at,
            ended_at: started_at,
            elapsed_secs,
            limit_secs,
            overtime_secs: overtime(elapsed_secs, limit_secs),
            hinted: false,
            skipped: false,
            assessment: None,
        };
        let mut stopped = None;
        match reply? {
            Reply::Quit(draft) => return self.stop_keeping(draft, Outcome::Quit),
            Reply::End(draft) => return self.stop_keeping(draft, Outcome::InputEnded),
            Reply::Skip(draft) => {
                answer.text = draft;
                answer.skipped = true;
                answer.hinted = hinted;
                answer.ended_at = Utc::now();
                self.session.answers.push(answer);
                self.save()?;
                self.console.show(&Event::Skipped)?;
            }
            Reply::Text(text) => {
                answer.text = text;
                answer.assessment = Some(self.assess(question, &answer));
                answer.hinted = hinted;
                answer.ended_at = Utc::now();
                // Recorded before any follow-up is asked: a kill while one is pending keeps
                // the answer; each follow-up answer is saved into it as it comes.
                self.session.answers.push(answer.clone());
                self.save()?;
                stopped = self.follow_ups(question, &labels, &mut answer, &mut hinted)?;
            }
        }
        let feedback = (self.session.options.feedback == Feedback::Now)
            .then(|| {
                self.session
                    .answers
                    .last()
                    .and_then(|a| a.assessment.clone())
            })
            .flatten();
        if let Some(assessment) = &feedback {
            self.console.show(&Event::Feedback { assessment })?;
        }
        if let Some(outcome) = stopped {
            return Ok(State::Stop(outcome));
        }
        Ok(self.after(index))
    }

    /// Asks the follow-ups of up to two missed points, heaviest first, and re-assesses the
    /// answer with what the candidate said. Returns how the session stopped, if it did.
    fn follow_ups(
        &mut self,
        question: &Question,
        labels: &[&str],
        answer: &mut Answer,
        hinted: &mut bool,
    ) -> Result<Option<Outcome>> {
        let probes: Vec<(&Point, &str)> = answer
            .assessment
            .as_ref()
            .map(|a| probes(question, a))
            .unwrap_or_default();
        let mut stopped = None;
        for (point, text) in probes {
            let asked = Asked::FollowUp { text };
            self.show_asked(asked, false)?;
            let turn = Turn {
                asked,
                started: Instant::now(),
                limit_secs: None,
                labels,
            };
            let reply = self.reply(&turn, hinted, String::new())?;
            let mut follow_up = FollowUp {
                point_id: point.id.clone(),
                question: text.to_string(),
                answer: String::new(),
                skipped: false,
                elapsed_secs: turn.started.elapsed().as_secs_f64(),
            };
            match reply {
                Reply::Text(text) => follow_up.answer = text,
                Reply::Skip(draft) => {
                    follow_up.answer = draft;
                    follow_up.skipped = true;
                }
                // What was typed is kept, as a skipped follow-up: the answer is recorded.
                Reply::Quit(draft) => {
                    stopped = Some(Outcome::Quit);
                    follow_up.answer = draft;
                    follow_up.skipped = true;
                }
                Reply::End(draft) => {
                    stopped = Some(Outcome::InputEnded);
                    follow_up.answer = draft;
                    follow_up.skipped = true;
                }
            }
            if stopped.is_some() && follow_up.answer.trim().is_empty() {
                break;
            }
            answer.follow_ups.push(follow_up);
            if answer.follow_ups.iter().any(|f| !f.skipped) {
                answer.assessment = Some(self.assess(question, answer));
            }
            answer.hinted = *hinted;
            answer.ended_at = Utc::now();
            self.update_last(answer)?;
            if stopped.is_some() {
                break;
            }
        }
        Ok(stopped)
    }

    /// Stops, keeping the text typed for the current question to continue on `resume`.
    fn stop_keeping(&mut self, draft: String, outcome: Outcome) -> Result<State> {
        if !draft.trim().is_empty() {
            self.session.draft = Some(draft);
            self.save()?;
        }
        Ok(State::Stop(outcome))
    }

    /// Replaces the answer recorded last (the one being followed up) and saves.
    fn update_last(&mut self, answer: &Answer) -> Result<()> {
        if let Some(last) = self.session.answers.last_mut() {
            last.clone_from(answer);
        }
        self.save()
    }

    fn assess(&self, question: &Question, answer: &Answer) -> Assessment {
        let input = AnswerInput {
            text: &answer.text,
            follow_ups: answer
                .follow_ups
                .iter()
                .filter(|f| !f.skipped)
                .map(|f| f.answer.as_str())
                .collect(),
            elapsed_secs: Some(answer.elapsed_secs),
            limit_secs: answer.limit_secs,
        };
        self.assessor.assess(question, &input)
    }

    /// Reads until the candidate submits, skips, quits or input ends; handles the other
    /// commands on the way.
    fn reply(&mut self, turn: &Turn<'_>, hinted: &mut bool, mut draft: String) -> Result<Reply> {
        loop {
            match self.console.read(&draft)? {
                Entry::Text(text) if text.trim().is_empty() => {
                    draft.clear();
                    self.console.show(&Event::Empty)?;
                }
                Entry::Text(text) => return Ok(Reply::Text(text.trim().to_string())),
                Entry::Command { command, draft: d } => {
                    draft = d;
                    match command {
                        Command::Hint => {
                            *hinted = true;
                            self.console.show(&Event::Hint {
                                labels: turn.labels,
                            })?;
                        }
                        Command::Repeat => self.show_asked(turn.asked, true)?,
                        Command::Time => self.console.show(&Event::Time {
                            elapsed_secs: turn.started.elapsed().as_secs_f64(),
                            limit_secs: turn.limit_secs,
                            follow_up: matches!(turn.asked, Asked::FollowUp { .. }),
                        })?,
                        Command::Skip => return Ok(Reply::Skip(draft)),
                        Command::Quit => return Ok(Reply::Quit(draft)),
                    }
                }
                Entry::Unknown { word, draft: d } => {
                    draft = d;
                    self.console.show(&Event::UnknownCommand { word: &word })?;
                }
                Entry::End => return Ok(Reply::End(draft)),
            }
        }
    }

    fn show_asked(&mut self, asked: Asked<'_>, repeated: bool) -> Result<()> {
        match asked {
            Asked::Main { text, status } => self.console.show(&Event::Question {
                text,
                status,
                repeated,
            }),
            Asked::FollowUp { text } => self.console.show(&Event::FollowUp { text }),
        }
    }

    fn finish(&mut self) -> Result<State> {
        self.session.status = Status::Finished;
        self.save()?;
        self.console.show(&Event::Finished {
            id: &self.session.id,
        })?;
        Ok(State::Stop(Outcome::Finished))
    }

    fn stop(self, outcome: Outcome) -> Result<Outcome> {
        if outcome != Outcome::Finished {
            let skipped = self.session.answers.iter().filter(|a| a.skipped).count();
            self.console.show(&Event::Saved {
                id: &self.session.id,
                answered: self.session.answers.len() - skipped,
                skipped,
                planned: self.session.plan.len(),
                draft_kept: self.session.draft.is_some(),
            })?;
        }
        Ok(outcome)
    }

    fn save(&mut self) -> Result<()> {
        self.session.updated_at = Utc::now();
        (self.save)(self.session)
    }

    /// The state after answering the question at `index`.
    fn after(&self, index: usize) -> State {
        match self.session.next_index() {
            None => State::Finish,
            Some(next) if self.same_sitting(index, next) => State::Ask(next),
            Some(next) if self.session.kind == SessionKind::Loop => State::Break(next),
            Some(next) => State::Intro {
                index: next,
                resumed: false,
            },
        }
    }

    fn same_sitting(&self, a: usize, b: usize) -> bool {
        if self.session.kind == SessionKind::Drill {
            return true;
        }
        let (a, b) = (&self.session.plan[a], &self.session.plan[b]);
        a.stage == b.stage && a.round == b.round
    }

    /// 1-based position of the question in its sitting, and the sitting's size.
    fn position_in_sitting(&self, index: usize) -> (usize, usize) {
        let sitting: Vec<usize> = (0..self.session.plan.len())
            .filter(|i| self.same_sitting(*i, index))
            .collect();
        let position = sitting.iter().position(|i| *i == index).unwrap_or(0) + 1;
        (position, sitting.len())
    }

    /// `(round, rounds)` for a team round of a loop with more than one.
    fn round_of(&self, index: usize) -> Option<(u32, u32)> {
        let planned = &self.session.plan[index];
        let rounds = self.session.options.team_rounds?;
        (planned.stage == StageId::Team && rounds > 1).then_some((planned.round, rounds))
    }
}

/// The points to probe: missed, with a follow-up, heaviest first (file order on ties), at most
/// `MAX_FOLLOW_UPS`.
fn probes<'q>(question: &'q Question, assessment: &Assessment) -> Vec<(&'q Point, &'q str)> {
    let mut missed: Vec<(&'q Point, &'q str)> = assessment
        .points
        .iter()
        .filter(|r| r.status == PointStatus::Missed)
        .filter_map(|r| question.points.iter().find(|p| p.id == r.id))
        .filter_map(|p| p.follow_up.as_deref().map(|f| (p, f)))
        .collect();
    missed.sort_by(|a, b| b.0.weight.total_cmp(&a.0.weight));
    missed.truncate(MAX_FOLLOW_UPS);
    missed
}

fn distinct_stages(plan: &[crate::session::Planned]) -> Vec<StageId> {
    let mut stages: Vec<StageId> = plan.iter().map(|p| p.stage).collect();
    stages.dedup();
    stages
}

#[cfg(test)]
mod tests;
