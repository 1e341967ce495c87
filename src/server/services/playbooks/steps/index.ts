// Registers every built-in step handler with the executor. Later features import their own.
import './flow-steps';
import './tag-steps';
import './message-steps';
import './staff-steps';
import './ai-steps';
import './webhook-step';
import './report-steps';
import '../../loyalty/playbook-steps';
import '../../agents/playbook-steps';
import '../../agents/pops-steps';
