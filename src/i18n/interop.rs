//! Translations for importing, exporting and merging: sources, column targets, value kinds, the
//! importers' warnings and the reasons a file cannot be read. The core returns typed values; this
//! is the one place they become words.

use mieruka_core::interop::text::TextEncoding;
use mieruka_core::interop::{ItemKind, ReadError, Source, Target, Warning, WarningKind};

use crate::i18n::{domain_error, field_label, I18n, Lang, K};

impl I18n {
    pub fn source(&self, s: Source) -> &'static str {
        self.t(match s {
            Source::Jira => K::SourceJira,
            Source::Backlog => K::SourceBacklog,
            Source::Redmine => K::SourceRedmine,
            Source::Csv => K::SourceCsv,
            Source::Mspdi => K::SourceMspdi,
        })
    }

    /// An import's audit record in words: "Backlog (CSV export): 120 new, 3 updated".
    pub fn import_summary(&self, r: &mieruka_core::ImportRecord) -> String {
        let source = Source::ALL.iter().find(|s| s.as_str() == r.source).map_or(r.source.as_str(), |s| self.source(*s));
        self.t(K::ImportRecordSummary)
            .replace("{source}", source)
            .replace("{created}", &self.num(f64::from(r.created)))
            .replace("{updated}", &self.num(f64::from(r.updated)))
    }

    /// When a change brought by an import was imported ("2026/12/06 18:02 取り込み").
    pub fn imported_at(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        self.t(K::ImportedAt).replace("{when}", &self.instant(at))
    }

    pub fn target(&self, t: Target) -> String {
        let lang = self.lang();
        let k = match t {
            Target::Ignore => K::TargetIgnore,
            Target::Key => K::TargetKey,
            Target::ParentKey => K::TargetParentKey,
            Target::WbsNumber => K::TargetWbsNumber,
            Target::Kind => K::TargetKind,
            Target::Created => K::TargetCreated,
            Target::Updated => K::TargetUpdated,
            Target::Resolved => K::TargetResolved,
            Target::EstimateSeconds => K::TargetEstimateSeconds,
            Target::ActualSeconds => K::TargetActualSeconds,
            Target::RemainingSeconds => K::TargetRemainingSeconds,
            Target::Label => K::TargetLabel,
            Target::Sprint => K::TargetSprint,
            Target::Comment => K::TargetComment,
            Target::Title => return field_label(lang, "title"),
            Target::Description => return field_label(lang, "description"),
            Target::Status => return field_label(lang, "status"),
            Target::Priority => return field_label(lang, "priority"),
            Target::Assignee => return field_label(lang, "assignee"),
            Target::Start => return field_label(lang, "start"),
            Target::Due => return field_label(lang, "due"),
            Target::EstimateHours => return field_label(lang, "estimate_hours"),
            Target::ActualHours => return field_label(lang, "actual_hours"),
            Target::RemainingHours => return field_label(lang, "remaining_hours"),
            Target::Percent => return field_label(lang, "percent"),
            Target::StoryPoints => return field_label(lang, "story_points"),
            Target::Predecessors => return field_label(lang, "depends_on"),
            Target::Milestone => return field_label(lang, "milestone"),
        };
        k.text(lang).to_string()
    }

    pub fn item_kind(&self, k: ItemKind) -> &'static str {
        self.t(match k {
            ItemKind::Task => K::ItemTask,
            ItemKind::Milestone => K::Milestone,
            ItemKind::Issue => K::ItemIssue,
            ItemKind::Skip => K::ItemSkip,
        })
    }

    pub fn encoding(&self, e: TextEncoding) -> &'static str {
        encoding_name(e)
    }

    pub fn delimiter(&self, d: char) -> String {
        match d {
            ',' => self.t(K::DelimComma).to_string(),
            ';' => self.t(K::DelimSemicolon).to_string(),
            '\t' => self.t(K::DelimTab).to_string(),
            other => format!("'{other}'"),
        }
    }

    pub fn read_error(&self, e: &ReadError) -> String {
        read_error(self.lang(), e)
    }

    pub fn warning(&self, w: &Warning) -> String {
        warning(self.lang(), &w.kind)
    }
}

/// How a text encoding is called (names of standards, the same in both languages).
pub fn encoding_name(e: TextEncoding) -> &'static str {
    match e {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8Bom => "UTF-8 (BOM)",
        TextEncoding::Utf16Le => "UTF-16 LE",
        TextEncoding::Utf16Be => "UTF-16 BE",
        TextEncoding::ShiftJis => "Shift_JIS (CP932)",
    }
}

pub fn read_error(lang: Lang, e: &ReadError) -> String {
    let ja = lang == Lang::Ja;
    match e {
        ReadError::Empty => {
            if ja {
                "ファイルが空です。".into()
            } else {
                "The file is empty.".into()
            }
        }
        ReadError::TooLarge { bytes, max } => {
            let mb = |b: usize| format!("{:.0} MB", b as f64 / 1_048_576.0);
            if ja {
                format!("ファイルが大きすぎます ({}。上限 {})。", mb(*bytes), mb(*max))
            } else {
                format!("The file is too large ({}; at most {}).", mb(*bytes), mb(*max))
            }
        }
        ReadError::NotText { offset } => {
            if ja {
                format!("テキストファイルではありません ({offset} バイト目にバイナリデータ)。Excel ファイルは「CSV UTF-8」で保存し直してください。")
            } else {
                format!(
                    "This is not a text file (binary data at byte {offset}). Save Excel files as \"CSV UTF-8\" first."
                )
            }
        }
        ReadError::NoHeader => {
            if ja {
                "見出し行がありません。".into()
            } else {
                "The file has no header row.".into()
            }
        }
        ReadError::TooManyRows { max } => {
            if ja {
                format!("行数が多すぎます (上限 {max} 行)。")
            } else {
                format!("The file has too many rows (at most {max}).")
            }
        }
        ReadError::UnclosedQuote { line } => {
            if ja {
                format!("{line} 行目: 引用符 (\") で始まるセルが閉じられていません。")
            } else {
                format!("Line {line}: a quoted cell is never closed.")
            }
        }
        ReadError::BadXml { line, message } => {
            if ja {
                format!("{line} 行目: XML として正しくありません ({message})。")
            } else {
                format!("Line {line}: not well-formed XML ({message}).")
            }
        }
        ReadError::XmlTooDeep { line, max } => {
            if ja {
                format!("{line} 行目: XML の入れ子が {max} 段を超えています。MS Project XML ファイルではありません。")
            } else {
                format!(
                    "Line {line}: the XML is nested more than {max} levels deep; this is not an MS Project XML file."
                )
            }
        }
        ReadError::NotMspdi => {
            if ja {
                "MS Project XML 形式のファイルではありません (<Project> と <Tasks> がありません)。".into()
            } else {
                "This is not an MS Project XML file (no <Project> with <Tasks>).".into()
            }
        }
        ReadError::NoTitleColumn => {
            if ja {
                "件名 (タイトル) に対応する列を選んでください。".into()
            } else {
                "Choose the column that holds the title.".into()
            }
        }
    }
}

pub fn warning(lang: Lang, w: &WarningKind) -> String {
    let ja = lang == Lang::Ja;
    match w {
        WarningKind::RaggedRow { expected, found } => {
            if ja {
                format!("セルの数が {found} 個です (見出しは {expected} 列)。足りないセルは空として読みました。")
            } else {
                format!("{found} cells where the header has {expected}; missing cells read as empty.")
            }
        }
        WarningKind::BadDate { column, value } => {
            if ja {
                format!("「{column}」の「{value}」は日付として読めません。空にしました。")
            } else {
                format!("\"{value}\" in \"{column}\" is not a date; left empty.")
            }
        }
        WarningKind::BadNumber { column, value } => {
            if ja {
                format!("「{column}」の「{value}」は数値として読めません。空にしました。")
            } else {
                format!("\"{value}\" in \"{column}\" is not a usable number; left empty.")
            }
        }
        WarningKind::MissingTitle => {
            if ja {
                "件名がありません。キーを件名にしました (キーもない行は取り込みません)。".into()
            } else {
                "No title: the key is used as the title (rows without a key are skipped).".into()
            }
        }
        WarningKind::EmptyRow => {
            if ja {
                "空の行です。取り込みません。".into()
            } else {
                "Empty row, skipped.".into()
            }
        }
        WarningKind::DuplicateKey { key } => {
            if ja {
                format!("キー「{key}」が重複しています。後の行は取り込みません。")
            } else {
                format!("The key \"{key}\" appears again; this row is skipped.")
            }
        }
        WarningKind::UnknownParent { key } => {
            if ja {
                format!("親「{key}」が見つかりません。最上位に置きます。")
            } else {
                format!("The parent \"{key}\" is not in the file; placed at the top level.")
            }
        }
        WarningKind::ParentCycle { key } => {
            if ja {
                format!("親子関係が循環しています (「{key}」)。最上位に置きます。")
            } else {
                format!("The parents form a cycle (\"{key}\"); placed at the top level.")
            }
        }
        WarningKind::UnknownPredecessor { key } => {
            if ja {
                format!("先行タスク「{key}」が見つかりません。この依存関係は取り込みません。")
            } else {
                format!("The predecessor \"{key}\" is not in the file; that dependency is dropped.")
            }
        }
        WarningKind::UnmappedStatus { value } => {
            if ja {
                format!("状態「{value}」の対応付けがありません。「未着手」にします (値の対応付けで変更できます)。")
            } else {
                format!("The status \"{value}\" has no mapping; \"not started\" is used (change it under Values).")
            }
        }
        WarningKind::UnmappedPriority { value } => {
            if ja {
                format!("優先度「{value}」の対応付けがありません。「中」にします。")
            } else {
                format!("The priority \"{value}\" has no mapping; \"medium\" is used.")
            }
        }
        WarningKind::UnmappedKind { value } => {
            if ja {
                format!("種別「{value}」の対応付けがありません。WBS タスクとして取り込みます。")
            } else {
                format!("The type \"{value}\" has no mapping; imported as a WBS task.")
            }
        }
        WarningKind::PercentClamped { value } => {
            if ja {
                format!("進捗率「{value}」は 0〜100 の範囲外のため丸めました。")
            } else {
                format!("Progress \"{value}\" is outside 0–100; clamped.")
            }
        }
        WarningKind::Undecodable => {
            if ja {
                "読めない文字がありました (� に置き換えています)。文字コードを確認してください。".into()
            } else {
                "Some characters could not be decoded (shown as �); check the file's encoding.".into()
            }
        }
        WarningKind::CrossProjectLink => {
            if ja {
                "別のプロジェクトファイルへのリンクは取り込みません。".into()
            } else {
                "A link to another project file is not imported.".into()
            }
        }
        WarningKind::LinkTypeAsFinishToStart { link_type } => {
            if ja {
                format!("{link_type} の依存関係は「終了→開始」として取り込みます。")
            } else {
                format!("A {link_type} link is imported as finish-to-start.")
            }
        }
        WarningKind::LinkLagIgnored => {
            if ja {
                "依存関係のラグ (リード) は取り込みません。".into()
            } else {
                "A link lag or lead is not imported.".into()
            }
        }
        WarningKind::MultipleResources => {
            if ja {
                "複数のリソースが割り当てられています。最初のリソースを担当者にします。".into()
            } else {
                "Several resources are assigned; the first becomes the assignee.".into()
            }
        }
        WarningKind::TitleCut { max } => {
            if ja {
                format!("件名が {max} 文字を超えるため切り詰めました。")
            } else {
                format!("The title is longer than {max} characters; cut.")
            }
        }
        WarningKind::DescriptionCut { max } => {
            if ja {
                format!("説明 (コメントを含む) が {max} 文字を超えるため切り詰めました。")
            } else {
                format!("The description (with its comments) is longer than {max} characters; cut.")
            }
        }
        WarningKind::DuplicateColumn { column } => {
            if ja {
                format!("見出し「{column}」の列が複数あります。取り込むのはそのうち 1 列だけです。列の対応付けで確認してください。")
            } else {
                format!("The header has the column \"{column}\" more than once; only one of them is read. Check the column mapping.")
            }
        }
        WarningKind::StartAfterDue { start, due } => {
            if ja {
                format!("開始日 {start} が期日 {due} より後のため、開始日を空にしました。")
            } else {
                format!("The start {start} is after the due date {due}; the start is left empty.")
            }
        }
        WarningKind::RowInvalid { error } => {
            if ja {
                format!("この行は取り込みません: {}", domain_error(lang, error))
            } else {
                format!("Row not imported: {}", domain_error(lang, error))
            }
        }
        WarningKind::AssigneeInvalid { error } => {
            if ja {
                format!("担当者を取り込めません: {}", domain_error(lang, error))
            } else {
                format!("Assignee not imported: {}", domain_error(lang, error))
            }
        }
        WarningKind::SelfDependency { key } => {
            if ja {
                format!("「{key}」は自分自身を先行タスクにしています。この依存関係は取り込みません。")
            } else {
                format!("\"{key}\" depends on itself; that dependency is dropped.")
            }
        }
        WarningKind::DependencyCycle { from, to } => {
            if ja {
                format!("「{from}」→「{to}」の依存関係は循環になるため取り込みません。")
            } else {
                format!("\"{from}\" → \"{to}\" would close a dependency cycle; dropped.")
            }
        }
    }
}
