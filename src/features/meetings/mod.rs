//! Meetings and action items: the meeting list and form, the cadence, minutes as a document, the action-item register.

pub mod action_item_form;
pub mod action_items;
pub mod meeting_cadence;
pub mod meeting_form;
pub mod meetings_tab;
pub mod minutes_doc;
